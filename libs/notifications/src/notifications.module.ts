import { Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { SqlDatabase } from '#berkas/sql';
import { BERKAS_CONFIG, Leadership, SQL_DATABASE, type BerkasConfig } from '#berkas/platform';
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
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.RUN_NOTIFIER)
      this.leadership.hold('notifier', { lead: () => this.dispatcher.start(), follow: () => this.dispatcher.stop() });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.dispatcher.stop();
  }
}
