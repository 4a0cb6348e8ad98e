import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DeskModule, seedDemoIfConfigured } from '#berkas/desk';
import { BERKAS_CONFIG, configureHttp, HealthModule, startOpsServer, PlatformModule, type BerkasConfig } from '#berkas/platform';
import { ProjectorModule } from '#berkas/read-models';

/**
 * The officers' API as its own process. In production set RUN_PROJECTOR=false
 * here and run apps/projector beside it.
 */
@Module({ imports: [PlatformModule.forRoot({ service: 'desk-api' }), HealthModule, ProjectorModule, DeskModule] })
class DeskApiModule {}

const app = await NestFactory.create(DeskApiModule, { bodyParser: false, bufferLogs: true });
configureHttp(app, 'Berkas desk API', 'Officers: login, dossier commands, desk queues, dossier detail, statistics.');
const config = app.get<BerkasConfig>(BERKAS_CONFIG);
await app.init();
await app.listen(config.PORT, config.HOST);
// After listening: a demo permit's QR code points at the port this server got.
await seedDemoIfConfigured(app);
const ops = await startOpsServer(app);
console.log(`Berkas desk API on ${await app.getUrl()} (docs at /api/docs; operations: ${ops.url}/health/ready)`);
