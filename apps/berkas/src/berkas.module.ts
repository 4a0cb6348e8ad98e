import { Module, type DynamicModule } from '@nestjs/common';
import { DeskJobsModule, DeskModule } from '#berkas/desk';
import { HealthModule, PlatformModule } from '#berkas/platform';
import { ProjectorModule } from '#berkas/read-models';
import { NotificationsModule } from '#berkas/notifications';
import { TrackingModule } from '#berkas/tracking';

/** The whole MPP in one process: officers' API, public tracking, projector, notices and the background jobs. */
@Module({})
export class BerkasModule {
  /** Built when called, not at import, so it reads the environment of the running process. */
  static forRoot(): DynamicModule {
    // On its embedded database the all-in-one is the demo entry: demo data unless DEMO_DATA says otherwise. On a
    // PostgreSQL server it is a deployment: no demo accounts unless asked for (the first administrator comes from
    // `npm run create-admin`).
    const newcomer = process.env.DEMO_DATA === undefined && !process.env.DATABASE_URL && !process.env.TENANTS_FILE;
    const env = {
      DEMO_DATA: process.env.DEMO_DATA ?? (process.env.DATABASE_URL ? 'false' : 'true'),
      // What `npm start` shows a newcomer: two MPPs in one deployment, in WIB and in WITA (issue 23, D54).
      ...(newcomer ? { TENANTS_FILE: 'data/tenants.demo.json' } : {}),
    };
    return {
      module: BerkasModule,
      imports: [
        PlatformModule.forRoot({ env }),
        HealthModule,
        ProjectorModule,
        DeskModule,
        DeskJobsModule,
        TrackingModule,
        NotificationsModule,
      ],
    };
  }
}
