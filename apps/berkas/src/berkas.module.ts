import { Module, type DynamicModule } from '@nestjs/common';
import { DeskModule } from '../../../libs/desk/src/index.js';
import { HealthModule, PlatformModule } from '../../../libs/platform/src/index.js';
import { ProjectorModule } from '../../../libs/read-models/src/index.js';
import { TrackingModule } from '../../../libs/tracking/src/index.js';

/** The whole MPP in one process: officers' API, public tracking, projector. */
@Module({})
export class BerkasModule {
  /** Built when called, not at import, so it reads the environment of the running process. */
  static forRoot(): DynamicModule {
    // The all-in-one is the demo entry: demo data unless DEMO_DATA says otherwise.
    const env = { DEMO_DATA: process.env.DEMO_DATA ?? 'true' };
    return { module: BerkasModule, imports: [PlatformModule.forRoot({ env }), HealthModule, ProjectorModule, DeskModule, TrackingModule] };
  }
}
