import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PlatformModule } from '../../../libs/platform/src/index.js';
import { ProjectorModule } from '../../../libs/read-models/src/index.js';

/** The projector as its own process: follows the event log and keeps the read models current. */
@Module({ imports: [PlatformModule.forRoot({ env: { RUN_PROJECTOR: 'true' } }), ProjectorModule] })
class ProjectorAppModule {}

const app = await NestFactory.createApplicationContext(ProjectorAppModule);
app.enableShutdownHooks();
console.log('Berkas projector running; Ctrl+C to stop.');
