import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import type { BerkasConfig } from '../../platform/src/config.js';
import { BERKAS_CONFIG } from '../../platform/src/tokens.js';
import { TrackingController } from './tracking.controller.js';

/** The public side. Reads only the pub_* read models. */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [BERKAS_CONFIG],
      useFactory: (c: BerkasConfig) => [{ ttl: c.TRACKING_RATE_WINDOW_SECONDS * 1000, limit: c.TRACKING_RATE_LIMIT }],
    }),
  ],
  controllers: [TrackingController],
})
export class TrackingModule {}
