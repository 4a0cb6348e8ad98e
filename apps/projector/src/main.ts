import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { HealthModule, PlatformModule, startOpsServer } from '#berkas/platform';
import { ProjectorModule } from '#berkas/read-models';

/** The projector as its own process: follows the event log and keeps the read models current. */
@Module({ imports: [PlatformModule.forRoot({ env: { RUN_PROJECTOR: 'true' } }), HealthModule, ProjectorModule] })
class ProjectorAppModule {}

const app = await NestFactory.createApplicationContext(ProjectorAppModule);
app.enableShutdownHooks();
const ops = await startOpsServer(app);
console.log(`Berkas projector running (operations: ${ops.url}/health/ready); Ctrl+C to stop.`);
