import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { configureHttp } from '#berkas/platform';
import { BerkasModule } from './berkas.module.js';

export async function createBerkasApp(): Promise<INestApplication> {
  const app = await NestFactory.create(BerkasModule.forRoot(), {
    bodyParser: false,
    bufferLogs: true,
  });
  configureHttp(
    app,
    'Berkas: MPP permit workflow',
    'Officers log in at POST /api/auth/login, then act on dossiers desk by desk. The public tracks at POST /api/public/tracking.',
  );
  await app.init();
  return app;
}
