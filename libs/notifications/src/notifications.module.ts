import { Inject, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { ServiceCatalogue } from '#berkas/domain';
import { escalationTables } from '#berkas/read-models';
import { createTables, type SqlDatabase } from '#berkas/sql';
import {
  BERKAS_CONFIG,
  CATALOGUE,
  CLOCK,
  Leadership,
  RepeatingJob,
  SQL_DATABASE,
  TENANTS,
  type BerkasConfig,
  type Clock,
  type Tenants,
} from '#berkas/platform';
import { escalateDeadlines } from './escalations.js';
import { remindExpiringPermits } from './expiry-reminders.js';
import { channelsFrom } from './channels.js';
import { NotificationDispatcher } from './dispatcher.js';

export const NOTIFICATION_DISPATCHER = Symbol('NOTIFICATION_DISPATCHER');

/**
 * Sends the applicants' notices from the outbox when RUN_NOTIFIER is true: one
 * process at a time across replicas (the lease 'notifier', D37), so a
 * dossier's notices go out in order.
 */
@Module({
  providers: [
    {
      provide: NOTIFICATION_DISPATCHER,
      inject: [SQL_DATABASE, BERKAS_CONFIG, TENANTS],
      useFactory: (db: SqlDatabase, c: BerkasConfig, tenants: Tenants) => {
        const site = (c.PUBLIC_TRACKING_URL ?? `http://localhost:${c.PORT}/`).replace(/\/?$/, '');
        return new NotificationDispatcher(db, channelsFrom(c), {
          mpp: c.MPP,
          trackingUrl: `${site}/`,
          // Each notice in the name of its dossier's MPP, with the link to that MPP's pages.
          siteOf: (code) => {
            const t = tenants.of(code);
            return { mpp: t.profile, trackingUrl: `${site}${tenants.publicPath(t)}/`, consoleUrl: `${site}/` };
          },
          maxAttempts: c.NOTIFY_MAX_ATTEMPTS,
          pollMs: c.NOTIFY_POLL_MS,
          collapseAfterSeconds: c.NOTIFY_COLLAPSE_AFTER_SECONDS,
        });
      },
    },
  ],
  exports: [NOTIFICATION_DISPATCHER],
})
export class NotificationsModule implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Notices');

  constructor(
    @Inject(NOTIFICATION_DISPATCHER) private readonly dispatcher: NotificationDispatcher,
    @Inject(BERKAS_CONFIG) private readonly config: BerkasConfig,
    @Inject(Leadership) private readonly leadership: Leadership,
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(CATALOGUE) private readonly catalogue: ServiceCatalogue,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(TENANTS) private readonly tenants: Tenants,
  ) {}

  async onModuleInit(): Promise<void> {
    await createTables(this.db, [escalationTables(this.tenants.home.code)]);
  }

  /** A job this process leads (one across replicas), every `seconds`; its failures are logged, never thrown. */
  private lead(name: string, seconds: number, run: () => Promise<string[]>, said: string): void {
    if (!seconds) return;
    this.leadership.hold(
      name,
      new RepeatingJob(
        seconds * 1000,
        async () => {
          const done = await run();
          if (done.length) this.logger.log(`${said}: ${done.join(', ')}`);
        },
        (e: unknown) => this.logger.error(`${name}: ${e instanceof Error ? e.stack : String(e)}`),
      ),
    );
  }

  onApplicationBootstrap(): void {
    if (!this.config.RUN_NOTIFIER) return;
    this.leadership.hold('notifier', { lead: () => this.dispatcher.start(), follow: () => this.dispatcher.stop() });
    // Holders are reminded before their permit lapses, and supervisors told of deadlines (issue 20), through the same outbox.
    const c = this.config;
    this.lead(
      'expiry-reminders',
      c.EXPIRY_REMINDER_SECONDS,
      () => remindExpiringPermits(this.db, this.catalogue, this.clock.now()),
      'expiry reminders queued',
    );
    this.lead(
      'escalations',
      c.ESCALATION_SWEEP_SECONDS,
      async () =>
        (
          await escalateDeadlines(this.db, this.catalogue, (t) => this.tenants.of(t).calendar, this.clock.now(), {
            share: c.ESCALATION_SHARE,
            // Each MPP's own supervisors (D54): the home tenant's are ESCALATION_EMAILS, another's its entry's list.
            emails: (code) => {
              const t = this.tenants.of(code);
              return t.escalationEmails ?? (t === this.tenants.home ? c.ESCALATION_EMAILS : []);
            },
          })
        ).map((e) => `${e.registrationNumber} (${e.kind})`),
      'supervisors told',
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.dispatcher.stop();
  }
}
