import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DeskJobsModule } from '#berkas/desk';
import { NotificationsModule } from '#berkas/notifications';
import { HealthModule, PlatformModule, startOpsServer, useStructuredLogs } from '#berkas/platform';

/**
 * The background jobs as their own process (D37): the notice dispatcher, the
 * fiktif positif sweep and the intake of complaints from the public page.
 * Run two or more for availability: each job runs in one of them at a time
 * (a PostgreSQL advisory lock per job), and a standby takes over within
 * LEADER_POLL_MS when the leader dies.
 */
@Module({ imports: [PlatformModule.forRoot({ service: 'jobs' }), HealthModule, DeskJobsModule, NotificationsModule] })
class JobsAppModule {}

const app = await NestFactory.createApplicationContext(JobsAppModule, { bufferLogs: true });
useStructuredLogs(app);
app.enableShutdownHooks();
const ops = await startOpsServer(app);
console.log(`Berkas jobs running (operations: ${ops.url}/health/ready); Ctrl+C to stop.`);
