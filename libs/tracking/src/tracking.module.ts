import { Module } from '@nestjs/common';
import type { SqlDatabase } from '#berkas/event-store';
import { BERKAS_CONFIG, SQL_DATABASE, type BerkasConfig } from '#berkas/platform';
import { RATE_LIMITS } from '#berkas/platform/rate-limits';
import { PIN_ATTEMPTS } from './pin-attempts.token.js';
import { PinAttempts } from './pin-attempts.js';
import { TrackingController } from './tracking.controller.js';

/** The public side. Reads the pub_* read models; writes only its own attempt counts. */
@Module({
  imports: [RATE_LIMITS],
  controllers: [TrackingController],
  providers: [
    {
      provide: PIN_ATTEMPTS,
      inject: [SQL_DATABASE, BERKAS_CONFIG],
      useFactory: async (db: SqlDatabase, c: BerkasConfig) => {
        const attempts = new PinAttempts(db, { attempts: c.TRACKING_PIN_ATTEMPTS, lockoutSeconds: c.TRACKING_LOCKOUT_SECONDS });
        await attempts.init();
        return attempts;
      },
    },
  ],
})
export class TrackingModule {}
