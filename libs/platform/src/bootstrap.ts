import type * as http from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import helmet from 'helmet';
import { rejectHostileInput } from './hostile-input.js';
import { correlationMiddleware } from './correlation.js';
import { useStructuredLogs } from './logging.js';
import type { BerkasConfig } from './config.js';
import { ProblemDetailsFilter } from './problem-details.filter.js';
import { BERKAS_CONFIG } from './tokens.js';
import { validationPipe } from './validation.js';

/**
 * Strict headers on every answer, pages and API alike: scripts and styles only
 * from our own files (no inline code), never framed, no MIME sniffing, no referrer.
 */
export function securityHeaders(): express.RequestHandler {
  const strict = headers(["'self'"]);
  // Swagger UI (operators' API reference) ships one inline <style> block; it gets no other exception.
  const docs = headers(["'self'", "'unsafe-inline'"]);
  return (req, res, next) => (req.path.startsWith('/api/docs') ? docs : strict)(req, res, next);
}

/**
 * The security headers the strict policy sets, as name/value pairs, for a
 * handler that answers outside Express (the public lookups' fast path): taken
 * from helmet itself, so both paths send the same.
 */
export function strictSecurityHeaders(): [string, string][] {
  const out = new Map<string, string>();
  const res = {
    setHeader: (name: string, value: unknown) => out.set(name, String(value)),
    removeHeader: (name: string) => out.delete(name),
    getHeader: (name: string) => out.get(name),
  };
  let done = false;
  headers(["'self'"])({ path: '/', headers: {} } as express.Request, res as unknown as express.Response, () => (done = true));
  if (!done) throw new Error('helmet did not finish synchronously');
  return [...out.entries()];
}

function headers(styleSrc: string[]): express.RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc,
        // blob: the console's preview of a dossier's file (an image, a PDF in the browser's viewer), fetched with the token.
        imgSrc: ["'self'", 'data:', 'blob:'],
        frameSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        // The public pages set <base href> to their MPP's path (D54); only this site's own.
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
    // Plain HTTP on a LAN is the embedded default; HSTS belongs on the TLS-terminating proxy.
    strictTransportSecurity: false,
  });
}

/** The public pages that post plain HTML forms: the lookup, and the document download. */
const PUBLIC_FORMS = new Set(['/', '/dokumen', '/survei', '/pengaduan']);

/**
 * The one JSON body parser: Express's, for every JSON route, and the public
 * fast path's (D23), so both read a body alike (charset, Content-Encoding, a
 * byte-order mark, `null`, the size limit). A dossier command is small; a body
 * over 64 kB is a mistake or an attack.
 */
export const jsonBody = (): express.RequestHandler => express.json({ limit: '64kb' });

/** What every Berkas HTTP app shares: body limit, validation, problem+json, OpenAPI at /api/docs. */
export function configureHttp(app: INestApplication, title: string, description: string): void {
  useStructuredLogs(app);
  const config = app.get<BerkasConfig>(BERKAS_CONFIG);
  const server = app.getHttpAdapter().getInstance() as express.Express;
  server.disable('x-powered-by');
  // A whole request may take this long to arrive (Node's default, 5 minutes, cuts a 20 MB scan off a slow phone line at
  // 400 kbit/s); the headers still must come within Node's headersTimeout (a minute).
  (app.getHttpServer() as http.Server).requestTimeout = config.UPLOAD_TIMEOUT_SECONDS * 1000;
  // Only the configured hops are believed: a client cannot pick its own address to dodge rate limits.
  if (config.TRUST_PROXY !== false) server.set('trust proxy', config.TRUST_PROXY);
  app.use(correlationMiddleware);
  app.use(securityHeaders());
  app.use(jsonBody());
  // The public pages' plain HTML forms (they work without JavaScript): a few short fields, read there only; the API takes JSON.
  const form = express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 20 });
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) =>
    PUBLIC_FORMS.has(req.path) ? form(req, res, next) : next(),
  );
  app.use(rejectHostileInput);
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter(config.DB_RETRY_AFTER_SECONDS));
  app.enableShutdownHooks();
  const doc = new DocumentBuilder().setTitle(title).setDescription(description).setVersion('1').addBearerAuth().build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc));
}
