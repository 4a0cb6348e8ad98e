import { Inject, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { ServiceCatalogue } from '#berkas/domain';
import type { SqlDatabase } from '#berkas/sql';
import { BERKAS_CONFIG, CATALOGUE, CLOCK, Leadership, RepeatingJob, SQL_DATABASE, type BerkasConfig, type Clock } from '#berkas/platform';
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
      inject: [SQL_DATABASE, BERKAS_CONFIG],
      useFactory: (db: SqlDatabase, c: BerkasConfig) =>
        new NotificationDispatcher(db, channelsFrom(c), {
          mpp: c.MPP,
          trackingUrl: (c.PUBLIC_TRACKING_URL ?? `http://localhost:${c.PORT}/`).replace(/\/?$/, '/'),
          maxAttempts: c.NOTIFY_MAX_ATTEMPTS,
          pollMs: c.NOTIFY_POLL_MS,
          collapseAfterSeconds: c.NOTIFY_COLLAPSE_AFTER_SECONDS,
        }),
    },
  ],
  exports: [NOTIFICATION_DISPATCHER],
})
export class NotificationsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(NOTIFICATION_DISPATCHER) private readonly dispatcher: NotificationDispatcher,
    @Inject(BERKAS_CONFIG) private readonly config: BerkasConfig,
    @Inject(Leadership) private readonly leadership: Leadership,
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(CATALOGUE) private readonly catalogue: ServiceCatalogue,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.RUN_NOTIFIER) return;
    this.leadership.hold('notifier', { lead: () => this.dispatcher.start(), follow: () => this.dispatcher.stop() });
    // Holders are reminded before their permit lapses (issue 20), through the same outbox.
    if (this.config.EXPIRY_REMINDER_SECONDS) {
      const logger = new Logger('Notices');
      this.leadership.hold(
        'expiry-reminders',
        new RepeatingJob(
          this.config.EXPIRY_REMINDER_SECONDS * 1000,
          async () => {
            const queued = await remindExpiringPermits(this.db, this.catalogue, this.clock.now());
            if (queued.length) logger.log(`expiry reminders queued: ${queued.join(', ')}`);
          },
          (e: unknown) => logger.error(`expiry-reminders: ${e instanceof Error ? e.stack : String(e)}`),
        ),
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.dispatcher.stop();
  }
}
