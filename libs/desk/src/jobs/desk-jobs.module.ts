import { Inject, Logger, Module, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { ServiceCatalogue, WorkingCalendar } from '#berkas/domain';
import { createTables, type SqlDatabase } from '#berkas/sql';
import type { EventStore } from '#berkas/event-store';
import type { FileStore, UploadChecks } from '#berkas/files';
import {
  BERKAS_CONFIG,
  CALENDAR,
  CATALOGUE,
  EVENT_STORE,
  Leadership,
  RepeatingJob,
  SQL_DATABASE,
  TENANTS,
  type BerkasConfig,
  type Tenants,
} from '#berkas/platform';
import { expireDrafts, publicInboxTables } from '#berkas/public-inbox';
import { takeInComplaints } from '../application/complaint-intake.js';
import { takeInCorrections } from '../application/correction-intake.js';
import { DossierCommandService } from '../application/dossier-command.service.js';
import { FILE_STORE, UPLOAD_CHECKS } from '#berkas/platform';
import { sweepUnnamedFiles } from '../application/file-sweep.js';
import { applyDueRetention } from '../application/retention.js';
import { sweepLapsedDeadlines } from '../application/sla-sweep.js';
import { DeskModule } from '../desk.module.js';

/**
 * The officers' side's background jobs (D37): the fiktif positif sweep, the
 * intake of complaints and corrections filed on the public page, the expiry of
 * online applications nobody decided, and the files' sweep and retention (issue 22). Each runs in the process
 * that leads it (one across all replicas); apps/jobs and the all-in-one import
 * this module, the desk API does not.
 */
@Module({ imports: [DeskModule] })
export class DeskJobsModule implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('Jobs');

  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(CATALOGUE) private readonly catalogue: ServiceCatalogue,
    @Inject(CALENDAR) private readonly calendar: WorkingCalendar,
    @Inject(DossierCommandService) private readonly service: DossierCommandService,
    @Inject(BERKAS_CONFIG) private readonly config: BerkasConfig,
    @Inject(Leadership) private readonly leadership: Leadership,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(FILE_STORE) private readonly files: FileStore,
    @Inject(UPLOAD_CHECKS) private readonly checks: UploadChecks,
    @Inject(TENANTS) private readonly tenants: Tenants,
  ) {}

  async onModuleInit(): Promise<void> {
    // Complaints are filed on the public side, which may start after this process.
    await createTables(this.db, [publicInboxTables(this.tenants.home.code)]);
  }

  onApplicationBootstrap(): void {
    // Each job in the process that leads it, every `ms` (0: not at all), its failures in the log.
    const every = (job: string, ms: number, run: () => Promise<void>) => {
      if (ms)
        this.leadership.hold(
          job,
          new RepeatingJob(ms, run, (e) => this.logger.error(`${job}: ${e instanceof Error ? e.stack : String(e)}`)),
        );
    };
    every('sla-sweep', this.config.SLA_SWEEP_SECONDS * 1000, async () => {
      const r = await sweepLapsedDeadlines(this.db, this.catalogue, this.service, new Date().toISOString());
      if (r.deemedApproved.length) this.logger.log(`deemed approved: ${r.deemedApproved.join(', ')}`);
    });
    every('file-sweep', this.config.FILE_SWEEP_SECONDS * 1000, async () => {
      const grace = this.config.FILE_SWEEP_GRACE_HOURS * 3600_000;
      const r = await sweepUnnamedFiles(this.db, this.store, this.files, new Date(), grace);
      // This process's own cut-off uploads too (the all-in-one's; a desk API clears its own as it starts).
      const leftovers = r.leftovers + (await this.checks.clearLeftovers(new Date(Date.now() - grace)));
      if (r.deleted.length || leftovers)
        this.logger.log(`file sweep: ${r.deleted.length} files no event names deleted, ${leftovers} cut-off uploads cleared`);
    });
    every('retention', this.config.RETENTION_SWEEP_HOURS * 3600_000, async () => {
      const applied = await applyDueRetention(this.db, this.catalogue, this.service, new Date().toISOString());
      if (applied.length) this.logger.log(`retention applied: ${applied.length} dossiers' files released for disposal`);
    });
    every('correction-intake', this.config.COMPLAINT_INTAKE_MS, async () => {
      const taken = await takeInCorrections(this.db, this.service);
      if (taken.length) this.logger.log(`online corrections taken in: ${taken.join(', ')}`);
    });
    every('draft-expiry', this.config.DRAFT_EXPIRY_SWEEP_SECONDS * 1000, async () => {
      const expired = await expireDrafts(this.db, new Date().toISOString());
      if (expired) this.logger.log(`online applications expired unanswered: ${expired}`);
    });
    every('complaint-intake', this.config.COMPLAINT_INTAKE_MS, async () => {
      const taken = await takeInComplaints(this.db, this.calendar, this.service, this.config.COMPLAINT_RESPONSE_WORKING_DAYS);
      if (taken.length) this.logger.log(`complaints taken in: ${taken.join(', ')}`);
    });
  }
}
