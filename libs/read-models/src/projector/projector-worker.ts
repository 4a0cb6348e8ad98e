import 'reflect-metadata';
import { workerData } from 'node:worker_threads';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PlatformModule, PROJECTOR, useStructuredLogs, type BerkasConfig } from '#berkas/platform';
import { ProjectorModule } from '../projector.module.js';
import { failProjectorThread, serveProjector, type ProjectorHandle } from './projector-thread.js';

/**
 * The all-in-one's projector thread (issue 24): the process's settings as its
 * request thread read them, its own connection pool, event store and
 * catalogue, and the projector of a projector process (apps/projector) minus
 * the operations port: readiness and metrics stay with the request thread.
 */
@Module({})
class ProjectorThreadModule {}

try {
  const { config } = workerData as { config: BerkasConfig };
  const app = await NestFactory.createApplicationContext(
    {
      module: ProjectorThreadModule,
      imports: [PlatformModule.forRoot({ config: { ...config, RUN_PROJECTOR: true, PROJECTOR_THREAD: false } }), ProjectorModule],
    },
    { bufferLogs: true },
  );
  useStructuredLogs(app);
  await app.init();
  serveProjector(app.get<ProjectorHandle>(PROJECTOR), () => app.close());
} catch (e) {
  failProjectorThread(e);
}
