import { Module, type DynamicModule } from '@nestjs/common';
import type { SqlDatabase } from '../../../libs/event-store/src/index.js';
import { DeskModule } from '../../../libs/desk/src/index.js';
import { HealthModule, PlatformModule } from '../../../libs/platform/src/index.js';
import { ProjectorModule } from '../../../libs/read-models/src/index.js';
import { TrackingModule } from '../../../libs/tracking/src/index.js';

/** The whole MPP in one process: officers' API, public tracking, projector. */
@Module({})
export class BerkasModule {
  static forRoot(overrides: { env?: Record<string, string>; database?: SqlDatabase } = {}): DynamicModule {
    return {
      module: BerkasModule,
      imports: [PlatformModule.forRoot(overrides), HealthModule, ProjectorModule, DeskModule, TrackingModule],
    };
  }
}
