import { Module } from '@nestjs/common';
import { TrackingController } from './tracking.controller.js';

/** The public side. Reads only the pub_* read models. */
@Module({ controllers: [TrackingController] })
export class TrackingModule {}
