import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BERKAS_CONFIG, configureHttp, HealthModule, startOpsServer, PlatformModule, type BerkasConfig } from '#berkas/platform';
import { ProjectorModule } from '#berkas/read-models';
import { TrackingModule } from '#berkas/tracking';

/**
 * Public tracking as its own, read-only process: it serves only the pub_*
 * read models. Give it a database role that can SELECT those tables and
 * nothing else (see docs/deployment.md), and RUN_PROJECTOR=false.
 */
@Module({ imports: [PlatformModule.forRoot({ service: 'tracking' }), HealthModule, ProjectorModule, TrackingModule] })
class TrackingAppModule {}

const app = await NestFactory.create(TrackingAppModule, { bodyParser: false, bufferLogs: true });
configureHttp(
  app,
  'Berkas public tracking',
  'Applicants track a dossier with the registration number and PIN; anyone verifies a permit QR code.',
);
const config = app.get<BerkasConfig>(BERKAS_CONFIG);
await app.listen(config.PORT, config.HOST);
const ops = await startOpsServer(app);
console.log(`Berkas public tracking on ${await app.getUrl()} (operations: ${ops.url}/health/ready)`);
