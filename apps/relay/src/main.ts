import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { RelayModule } from '#berkas/messaging';
import { HealthModule, PlatformModule, startOpsServer, useStructuredLogs } from '#berkas/platform';

/** The relay as its own process: publishes the event log to Kafka from its checkpoint (at least once). */
@Module({ imports: [PlatformModule.forRoot({ service: 'relay' }), HealthModule, RelayModule] })
class RelayAppModule {}

const app = await NestFactory.createApplicationContext(RelayAppModule, { bufferLogs: true });
useStructuredLogs(app);
app.enableShutdownHooks();
const ops = await startOpsServer(app);
console.log(`Berkas relay running (operations: ${ops.url}/health/ready); Ctrl+C to stop.`);
