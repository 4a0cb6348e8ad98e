import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import type { BerkasConfig } from './config.js';
import { ProblemDetailsFilter } from './problem-details.filter.js';
import { BERKAS_CONFIG } from './tokens.js';
import { validationPipe } from './validation.js';

/** What every Berkas HTTP app shares: body limit, validation, problem+json, OpenAPI at /api/docs. */
export function configureHttp(app: INestApplication, title: string, description: string): void {
  // A dossier command is small; anything bigger than this is a mistake or an attack.
  app.use(express.json({ limit: '64kb' }));
  if (app.get<BerkasConfig>(BERKAS_CONFIG).TRUST_PROXY) (app.getHttpAdapter().getInstance() as express.Express).set('trust proxy', true);
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  const doc = new DocumentBuilder().setTitle(title).setDescription(description).setVersion('1').addBearerAuth().build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc));
}
