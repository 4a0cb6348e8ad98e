import 'reflect-metadata';
import { ConsoleLogger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { SqlDatabase } from '../../../libs/event-store/src/index.js';
import { configureHttp } from '../../../libs/platform/src/index.js';
import { BerkasModule } from './berkas.module.js';

export async function createBerkasApp(
  overrides: { env?: Record<string, string>; database?: SqlDatabase; quiet?: boolean } = {},
): Promise<INestApplication> {
  const json = (overrides.env?.LOG_JSON ?? process.env.LOG_JSON) === 'true';
  const app = await NestFactory.create(BerkasModule.forRoot(overrides), {
    bodyParser: false,
    logger: overrides.quiet ? ['error', 'warn'] : new ConsoleLogger({ json, prefix: 'Berkas' }),
  });
  configureHttp(
    app,
    'Berkas: MPP permit workflow',
    'Officers log in at POST /api/auth/login, then act on dossiers desk by desk. The public tracks at POST /api/public/tracking.',
  );
  await app.init();
  return app;
}
