import { Module } from '@nestjs/common';
import { DeskModule } from '../../../libs/desk/src/index.js';
import { HealthModule, PlatformModule } from '../../../libs/platform/src/index.js';
import { ProjectorModule } from '../../../libs/read-models/src/index.js';
import { TrackingModule } from '../../../libs/tracking/src/index.js';

/** The whole MPP in one process: officers' API, public tracking, projector. */
@Module({ imports: [PlatformModule.forRoot(), HealthModule, ProjectorModule, DeskModule, TrackingModule] })
export class BerkasModule {}
