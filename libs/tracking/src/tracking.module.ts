import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Inject, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { ServiceCatalogue } from '#berkas/domain';
import { createTables, type Listening, type SqlDatabase } from '#berkas/sql';
import {
  BERKAS_CONFIG,
  CATALOGUE,
  fileStoreProvider,
  Metrics,
  PROJECTOR,
  ProblemDetailsFilter,
  SQL_DATABASE,
  strictSecurityHeaders,
  uploadChecksProvider,
  validationPipe,
  type BerkasConfig,
  TENANTS,
  type Tenants,
} from '#berkas/platform';
import { followPublicChanges, ProjectorModule, type ProjectorHandle } from '#berkas/read-models';
import { publicInboxTables } from '#berkas/public-inbox';
import { TRACKING_TABLES } from './tables.js';
import { RATE_LIMIT_STORAGE, RATE_LIMITS } from '#berkas/platform/rate-limits';
import { PIN_ATTEMPTS, PUBLIC_READS, TRACKING_LOOKUPS } from './tracking.tokens.js';
import { PinAttempts } from './pin-attempts.js';
import { PublicReads } from './public-reads.js';
import { publicFastPath } from './public-fast-path.js';
import { publicSiteOf, publicSiteResolver } from './public-site.js';
import { PublicLookups, TrackingLookups } from './tracking-lookups.js';
import { TrackingController } from './tracking.controller.js';

/**
 * The public side. Reads the pub_* read models (through a short-lived cache); writes only its own attempt counts,
 * the public inbox, and the files of corrections handed in online.
 */
@Module({
  imports: [RATE_LIMITS, ProjectorModule],
  controllers: [TrackingController],
  providers: [
    // Corrections handed in online are stored and checked here, like the counter's uploads (issue 22).
    fileStoreProvider,
    uploadChecksProvider,
    {
      provide: PIN_ATTEMPTS,
      inject: [SQL_DATABASE, BERKAS_CONFIG, TENANTS],
      useFactory: async (db: SqlDatabase, c: BerkasConfig, tenants: Tenants) => {
        const attempts = new PinAttempts(db, {
          attempts: c.TRACKING_PIN_ATTEMPTS,
          lockoutSeconds: c.TRACKING_LOCKOUT_SECONDS,
          numberFailuresPerMinute: c.TRACKING_PIN_NUMBER_FAILURES_PER_MINUTE,
          memoryMs: c.TRACKING_CACHE_SECONDS * 1000,
        });
        // Survey answers and complaints are written here and read by the officers' side: either process may start first.
        await createTables(db, [TRACKING_TABLES, publicInboxTables(tenants.home.code)]);
        return attempts;
      },
    },
    {
      provide: PUBLIC_READS,
      inject: [SQL_DATABASE, BERKAS_CONFIG, PROJECTOR],
      useFactory: (db: SqlDatabase, c: BerkasConfig, projector: ProjectorHandle) => {
        const reads = new PublicReads(db, { ttlMs: c.TRACKING_CACHE_SECONDS * 1000, maxEntries: c.TRACKING_CACHE_ENTRIES });
        // In the all-in-one the projector runs here: a dossier's entry goes the moment its events are projected.
        projector.onCommit((projection, ids) => projection === 'public-tracking' && reads.invalidate(ids));
        return reads;
      },
    },
    {
      provide: TRACKING_LOOKUPS,
      inject: [PUBLIC_READS, PIN_ATTEMPTS, CATALOGUE, BERKAS_CONFIG, Metrics],
      useFactory: (reads: PublicReads, attempts: PinAttempts, catalogue: ServiceCatalogue, c: BerkasConfig, metrics: Metrics) =>
        // Each MPP's public pages look up only its own dossiers and permits.
        new PublicLookups(
          (tenant) =>
            new TrackingLookups(reads, attempts, catalogue, tenant, c.PIN_SECRET!, () => metrics.lockouts.inc({ kind: 'tracking-pin' })),
        ),
    },
  ],
})
export class TrackingModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private following: Listening | undefined;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(BERKAS_CONFIG) private readonly config: BerkasConfig,
    @Inject(TRACKING_LOOKUPS) private readonly lookups: PublicLookups,
    @Inject(TENANTS) private readonly tenants: Tenants,
    @Inject(PUBLIC_READS) private readonly reads: PublicReads,
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.following?.close();
  }

  /**
   * Follows the projectors' signals when none runs here. Then, in front of Express: which MPP each request is for (its
   * host name or its path, D54), then the public lookups' fast path (D23) unless TRACKING_FAST_PATH=false.
   */
  onApplicationBootstrap(): void {
    // A tracking process of its own learns of projected changes from the projectors' signals (PostgreSQL, D57).
    if (!this.config.RUN_PROJECTOR && this.config.TRACKING_CACHE_SECONDS > 0)
      this.following = followPublicChanges(
        this.db,
        (ids) => this.reads.invalidate(ids),
        () => this.reads.invalidateAll(),
      );
    const adapter = this.adapterHost.httpAdapter;
    const server = adapter?.getHttpServer() as Server | undefined;
    if (!server) return;
    const site = publicSiteResolver(this.tenants, this.config.TENANT_HOSTS);
    const express = adapter.getInstance<{ get(setting: string): unknown }>();
    const fast = !this.config.TRACKING_FAST_PATH
      ? () => false
      : publicFastPath({
          lookupsOf: (req) => this.lookups.of(publicSiteOf(req, this.tenants).tenant.code),
          validation: validationPipe(),
          problems: new ProblemDetailsFilter(this.config.DB_RETRY_AFTER_SECONDS),
          headers: strictSecurityHeaders(),
          trust: express.get('trust proxy fn') as (address: string, hop: number) => boolean,
          limits: RATE_LIMIT_STORAGE,
          limit: { ttlMs: this.config.TRACKING_RATE_WINDOW_SECONDS * 1000, max: this.config.TRACKING_RATE_LIMIT },
          logRequests: this.config.LOG_JSON,
        });
    const others = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      site(req);
      if (!fast(req, res)) for (const listener of others) listener.call(server, req, res);
    });
    if (this.config.TRACKING_FAST_PATH)
      new Logger('Tracking').log('public lookups served by the fast path in front of Express (TRACKING_FAST_PATH)');
  }
}
