import { Module } from '@nestjs/common';
import { RATE_LIMITS } from '#berkas/platform/rate-limits';
import { TrackingController } from './tracking.controller.js';

/** The public side. Reads only the pub_* read models. */
@Module({ imports: [RATE_LIMITS], controllers: [TrackingController] })
export class TrackingModule {}
