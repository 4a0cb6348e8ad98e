import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { KafkaProjectorModule } from '#berkas/messaging';
import { HealthModule, parseConfig, PlatformModule, startOpsServer, useStructuredLogs } from '#berkas/platform';
import { ProjectorModule } from '#berkas/read-models';

/**
 * The projector as its own process. PROJECTOR_SOURCE=store (default) follows
 * the event log; PROJECTOR_SOURCE=kafka joins the consumer group on the
 * event-log topic, so several instances share the partitions.
 */
const fromKafka = parseConfig(process.env).PROJECTOR_SOURCE === 'kafka';

@Module({})
class ProjectorAppModule {
  static create(): DynamicModule {
    return {
      module: ProjectorAppModule,
      imports: fromKafka
        ? [PlatformModule.forRoot({ service: 'projector' }), HealthModule, KafkaProjectorModule]
        : [PlatformModule.forRoot({ env: { RUN_PROJECTOR: 'true' }, service: 'projector' }), HealthModule, ProjectorModule],
    };
  }
}

const app = await NestFactory.createApplicationContext(ProjectorAppModule.create(), { bufferLogs: true });
useStructuredLogs(app);
app.enableShutdownHooks();
const ops = await startOpsServer(app);
console.log(
  `Berkas projector running from ${fromKafka ? 'Kafka' : 'the event store'} (operations: ${ops.url}/health/ready); Ctrl+C to stop.`,
);
