import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DynamicModule, INestApplicationContext } from '@nestjs/common';
import { Logger, LoggerModule } from 'nestjs-pino';
import type { BerkasConfig } from './config.js';
import { currentCorrelationId } from './correlation.js';

const QUIET = /^\/(health|metrics)\b/;

/**
 * Logs through pino. With LOG_JSON=true (production) every line is one JSON
 * object and every request gets a line with its method, route, status, time
 * and `correlationId` (the X-Request-Id the response echoes, also in the
 * metadata of the events the request caused, and in their Kafka headers);
 * whatever the app logs while serving that request carries the same id.
 * Otherwise (the embedded default) lines are short and human, without one per request.
 */
export function loggingModule(config: Pick<BerkasConfig, 'LOG_JSON' | 'LOG_LEVEL'>, service: string): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      level: config.LOG_LEVEL,
      base: { service },
      // On the request line and on every line logged while serving it.
      customProps: (req: IncomingMessage & { id?: unknown }) => ({ correlationId: req.id }),
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const echoed = res.getHeader('x-request-id');
        return typeof echoed === 'string' ? echoed : (currentCorrelationId() ?? randomUUID());
      },
      autoLogging: config.LOG_JSON ? { ignore: (req: IncomingMessage) => QUIET.test(req.url ?? '') } : false,
      // Bodies are never logged (PINs, NIK); neither are credentials or the query string (a number typed in a search).
      serializers: {
        req: (req: { method?: string; url?: string; remoteAddress?: string }) => ({
          method: req.method,
          path: (req.url ?? '').split('?')[0],
        }),
        res: (res: { statusCode?: number }) => ({ status: res.statusCode }),
      },
      redact: { paths: ['req.headers', 'res.headers'], remove: true },
      transport: config.LOG_JSON
        ? undefined
        : {
            target: 'pino-pretty',
            options: { singleLine: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service,correlationId' },
          },
    },
  });
}

/** Routes Nest's own logger (and every `new Logger(...)` in the libs) through pino; call right after create. */
export function useStructuredLogs(app: INestApplicationContext): void {
  app.useLogger(app.get(Logger));
  app.flushLogs();
}
