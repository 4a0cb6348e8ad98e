import { join } from 'node:path';
import { Global, Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { dossierUpcastSteps } from '#berkas/domain';
import { loadCatalogue, loadTariffs, loadYearCalendars } from './data-files.js';
import { EventStoreDbEventStore, PostgresEventStore, upcasterFrom, type EventStore } from '#berkas/event-store';
import { PgDatabase, PgliteDatabase, withoutSchemaChanges, type SqlDatabase } from '#berkas/sql';
import { ReadinessChecks } from './health.module.js';
import { loggingModule } from './logging.js';
import { parseConfig, type BerkasConfig } from './config.js';
import { BERKAS_CONFIG, CALENDAR, CATALOGUE, CLOCK, EVENT_STORE, SQL_DATABASE, SYSTEM_CLOCK, TARIFFS, TENANTS } from './tokens.js';
import { tenantsFromConfig, type Tenants } from './tenants.js';
import { Metrics } from './metrics.module.js';
import { Leadership } from './leadership.js';
import { CatalogueSync } from './catalogue-sync.js';

export async function openDatabase(config: BerkasConfig): Promise<SqlDatabase> {
  if (!config.DATABASE_URL) return PgliteDatabase.open(join(config.BERKAS_DATA_DIR, 'pglite'));
  const db = new PgDatabase(config.DATABASE_URL, {
    schema: config.DATABASE_SCHEMA,
    timeouts: {
      connectMs: config.DB_CONNECT_TIMEOUT_MS,
      statementMs: config.DB_STATEMENT_TIMEOUT_MS,
      queryMs: config.DB_QUERY_TIMEOUT_MS,
      idleInTransactionMs: Math.max(config.DB_STATEMENT_TIMEOUT_MS * 2, 10_000),
    },
  });
  return config.DB_MIGRATE ? db : withoutSchemaChanges(db);
}

/** The configured event store (EVENT_STORE): PostgreSQL's tables on `db`, or EventStoreDB. Operator commands use it too. */
export async function openEventStore(config: BerkasConfig, db: SqlDatabase): Promise<EventStore> {
  const upcaster = upcasterFrom(dossierUpcastSteps);
  if (config.EVENT_STORE === 'eventstoredb')
    return EventStoreDbEventStore.connect(config.EVENTSTORE_URL!, { upcaster, namespace: config.EVENTSTORE_NAMESPACE });
  return PostgresEventStore.create(db, { upcaster });
}

/** The operations port of each deployable when OPS_PORT is not set (docs/deployment.md). */
export const DEFAULT_OPS_PORTS: Record<string, number> = {
  berkas: 9464,
  'desk-api': 9465,
  tracking: 9466,
  projector: 9467,
  relay: 9468,
  jobs: 9469,
};

/**
 * Config, database, event store, catalogue and calendar: what every Berkas
 * process shares. `overrides.env` pins settings over the environment.
 */
@Global()
@Module({})
export class PlatformModule implements OnApplicationShutdown {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(BERKAS_CONFIG) config: BerkasConfig,
    @Inject(ReadinessChecks) readiness: ReadinessChecks,
    @Inject(Leadership) private readonly leadership: Leadership,
    @Inject(Metrics) metrics: Metrics,
    @Inject(CatalogueSync) private readonly catalogueSync: CatalogueSync,
  ) {
    // Which background jobs this process leads, and which it stands by for (D37).
    readiness.register('jobs', async () =>
      Object.fromEntries(leadership.all().map((l) => [l.job, { role: l.isLeader() ? 'leader' : 'standby', since: l.since() }])),
    );
    metrics.watchLeadership(leadership);
    // With EventStoreDB the events live apart from the SQL database: readiness asks the store too.
    if (config.EVENT_STORE === 'eventstoredb')
      readiness.register('eventStore', async () => {
        await store.readStream('health-probe');
        return { engine: 'eventstoredb', namespace: config.EVENTSTORE_NAMESPACE };
      });
  }

  static forRoot(overrides: { env?: Record<string, string>; service?: string; config?: BerkasConfig } = {}): DynamicModule {
    // Read once, here; a bad value stops the boot naming the variable.
    // Each deployable has an operations port of its own by default, so the split topology runs on one machine as the
    // docs say without an OPS_PORT per process.
    const service = overrides.service ?? 'berkas';
    // `config`: settings another thread of this process already read (the projector's thread, issue 24).
    const config =
      overrides.config ?? parseConfig({ OPS_PORT: String(DEFAULT_OPS_PORTS[service] ?? 9464), ...process.env, ...(overrides.env ?? {}) });
    return {
      module: PlatformModule,
      imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => config] }), loggingModule(config, service)],
      providers: [
        Metrics,
        ReadinessChecks,
        { provide: BERKAS_CONFIG, useValue: config },
        { provide: CLOCK, useValue: SYSTEM_CLOCK },
        {
          provide: SQL_DATABASE,
          inject: [BERKAS_CONFIG],
          useFactory: (c: BerkasConfig) => openDatabase(c),
        },
        {
          provide: EVENT_STORE,
          inject: [SQL_DATABASE, BERKAS_CONFIG],
          useFactory: (db: SqlDatabase, c: BerkasConfig) => openEventStore(c, db),
        },
        {
          provide: Leadership,
          inject: [SQL_DATABASE, BERKAS_CONFIG],
          useFactory: (db: SqlDatabase, c: BerkasConfig) => {
            const logger = new Logger('Jobs');
            return new Leadership(db, {
              pollMs: c.LEADER_POLL_MS,
              onChange: (job, leader, reason) => logger.log(`${job}: ${leader ? 'leading' : 'standing by'} (${reason})`),
            });
          },
        },
        // The catalogue folder (the national template), and what the MPPs published from the console (issue 23).
        {
          provide: CatalogueSync,
          inject: [BERKAS_CONFIG, EVENT_STORE, TENANTS, SQL_DATABASE],
          useFactory: async (c: BerkasConfig, store: EventStore, tenants: Tenants, db: SqlDatabase) => {
            // An MPP's published regional holidays change its working calendar in place: every holder of it counts them.
            const sync = new CatalogueSync(
              store,
              loadCatalogue(c.CATALOGUE_DIR),
              (h) => tenants.get(h.tenant)?.calendar.setRegionalHolidays(h.year, h.holidays),
              c.EVENT_STORE === 'postgres' ? db : undefined,
              // A year of the national calendar is every MPP's.
              (n) => {
                for (const t of tenants.all())
                  t.calendar.setNationalYear({ year: n.year, source: n.source, holidays: n.holidays, cutiBersama: n.cutiBersama });
              },
            );
            await sync.refresh();
            sync.start(c.CATALOGUE_SYNC_MS);
            return sync;
          },
        },
        { provide: CATALOGUE, inject: [CatalogueSync], useFactory: (s: CatalogueSync) => s.catalogue },
        { provide: TARIFFS, inject: [BERKAS_CONFIG], useFactory: (c: BerkasConfig) => loadTariffs(c.TARIFF_DIR) },
        {
          provide: TENANTS,
          inject: [BERKAS_CONFIG],
          useFactory: (c: BerkasConfig) => tenantsFromConfig(c, loadYearCalendars(c.CALENDAR_DIR)),
        },
        // The home tenant's working days (a single-MPP deployment's only calendar).
        { provide: CALENDAR, inject: [TENANTS], useFactory: (t: Tenants) => t.home.calendar },
      ],
      exports: [
        BERKAS_CONFIG,
        CLOCK,
        SQL_DATABASE,
        EVENT_STORE,
        CATALOGUE,
        CatalogueSync,
        CALENDAR,
        TENANTS,
        TARIFFS,
        Metrics,
        ReadinessChecks,
        Leadership,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    // Jobs stop before their leases go, and both before the database closes.
    this.catalogueSync.stop();
    await this.leadership.releaseAll();
    await this.store.close();
    await this.db.close();
  }
}
