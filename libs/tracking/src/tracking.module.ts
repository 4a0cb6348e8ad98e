import { Module } from '@nestjs/common';
import type { SqlDatabase } from '#berkas/event-store';
import { BERKAS_CONFIG, PROJECTOR, SQL_DATABASE, type BerkasConfig } from '#berkas/platform';
import { ProjectorModule, type Projector } from '#berkas/read-models';
import { RATE_LIMITS } from '#berkas/platform/rate-limits';
import { PIN_ATTEMPTS, PUBLIC_READS } from './pin-attempts.token.js';
import { PinAttempts } from './pin-attempts.js';
import { PublicReads } from './public-reads.js';
import { TrackingController } from './tracking.controller.js';

/** The public side. Reads the pub_* read models (through a short-lived cache); writes only its own attempt counts. */
@Module({
  imports: [RATE_LIMITS, ProjectorModule],
  controllers: [TrackingController],
  providers: [
    {
      provide: PIN_ATTEMPTS,
      inject: [SQL_DATABASE, BERKAS_CONFIG],
      useFactory: async (db: SqlDatabase, c: BerkasConfig) => {
        const attempts = new PinAttempts(db, {
          attempts: c.TRACKING_PIN_ATTEMPTS,
          lockoutSeconds: c.TRACKING_LOCKOUT_SECONDS,
          memoryMs: c.TRACKING_CACHE_SECONDS * 1000,
        });
        await attempts.init();
        return attempts;
      },
    },
    {
      provide: PUBLIC_READS,
      inject: [SQL_DATABASE, BERKAS_CONFIG, PROJECTOR],
      useFactory: (db: SqlDatabase, c: BerkasConfig, projector: Projector) => {
        const reads = new PublicReads(db, { ttlMs: c.TRACKING_CACHE_SECONDS * 1000, maxEntries: c.TRACKING_CACHE_ENTRIES });
        // In the all-in-one the projector runs here: a dossier's entry goes the moment its events are projected.
        projector.onCommit((projection, ids) => projection === 'public-tracking' && reads.invalidate(ids));
        return reads;
      },
    },
  ],
})
export class TrackingModule {}
