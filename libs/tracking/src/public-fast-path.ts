import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ValidationPipe } from '@nestjs/common';
import proxyaddr from 'proxy-addr';
import { PinoLogger } from 'nestjs-pino';
import {
  clientGroup,
  currentCorrelationId,
  hostileJson,
  hostileUrl,
  jsonBody,
  withCorrelation,
  type ProblemDetailsFilter,
} from '#berkas/platform';
import { TooManyAttempts, ValidationProblem } from '#berkas/platform';
import type { SlidingWindowStorage } from '#berkas/platform/rate-limits';
import { TrackingLookupDto, wellFormedLookup } from './tracking.dtos.js';
import type { TrackingLookups } from './tracking-lookups.js';

const TRACKING = '/api/public/tracking';
const PERMITS = '/api/public/permits/';

export interface FastPathOptions {
  /** The lookups of the MPP the request is for (its public site, D54). */
  lookupsOf: (req: IncomingMessage) => TrackingLookups;
  validation: ValidationPipe;
  problems: ProblemDetailsFilter;
  /** The security headers every answer carries (from helmet: strictSecurityHeaders()). */
  headers: [string, string][];
  /** Express's compiled `trust proxy` function, so the client address is the one Express would see. */
  trust: (address: string, hop: number) => boolean;
  limits: SlidingWindowStorage;
  limit: { ttlMs: number; max: number };
  /** One JSON line per request, as pino-http writes with LOG_JSON. */
  logRequests: boolean;
}

/**
 * The two public lookups, answered before Express sees the request. At a few
 * thousand lookups a second Express itself is the cost (on the development
 * machine a bare Express app tops out near 2,800 requests/s, plain node:http
 * at 14,000), so these routes are served here, with what the Nest route does:
 * the same correlation id, security headers, hostile-input checks, validation
 * pipe, per-address limit, lookups and problem+json errors (D23). Every other
 * request, and these when TRACKING_FAST_PATH=false, go through Express.
 */
export function publicFastPath(o: FastPathOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const url = req.url ?? '';
    const path = url.split('?')[0];
    const tracking = req.method === 'POST' && path === TRACKING;
    const permit = req.method === 'GET' && path.startsWith(PERMITS) && path.length > PERMITS.length && !path.includes('/', PERMITS.length);
    if (!tracking && !permit) return false;
    // As correlationMiddleware does: X-Request-Id echoed or made, and current while the lookup runs (its logs carry it).
    withCorrelation(req, res, () => serve(o, req, res, { tracking, url, path }));
    return true;
  };
}

function serve(
  o: FastPathOptions,
  req: IncomingMessage,
  res: ServerResponse,
  { tracking, url, path }: { tracking: boolean; url: string; path: string },
): void {
  const started = performance.now();
  const id = currentCorrelationId();
  for (const [name, value] of o.headers) res.setHeader(name, value);
  if (o.logRequests)
    res.once('finish', () =>
      PinoLogger.root.info(
        {
          req: { method: req.method, path },
          res: { status: res.statusCode },
          responseTime: Math.round(performance.now() - started),
          correlationId: id,
        },
        'request completed',
      ),
    );
  const fail = (e: unknown, instance = url) => o.problems.send(res, e, req.method ?? 'GET', instance);
  const answer = (value: unknown) => {
    const body = JSON.stringify(value);
    res.statusCode = 200;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', Buffer.byteLength(body));
    res.end(body);
  };
  const urlProblem = hostileUrl(url);
  if (urlProblem) {
    req.resume();
    // As rejectHostileInput answers: the NUL is not echoed back.
    fail(new ValidationProblem([urlProblem]), url.replace(/%00/gi, ''));
    return;
  }
  const limited = limit(o, req, tracking ? 'tracking' : 'permit');
  // Awaited once the body is in; until then a refusal must not count as an unhandled rejection (it would end the process).
  limited.catch(() => undefined);
  if (tracking)
    void readJson(req, res)
      .then(async (body) => {
        await limited;
        const problem = body === undefined ? undefined : hostileJson(body);
        if (problem) throw new ValidationProblem([problem]);
        const dto =
          wellFormedLookup(body) ??
          ((await o.validation.transform(body, { type: 'body', metatype: TrackingLookupDto })) as TrackingLookupDto);
        return o.lookupsOf(req).track(dto.registrationNumber, dto.pin, clientGroup(proxyaddr(req, o.trust)));
      })
      .then(answer, (e: unknown) => fail(e));
  else {
    req.resume();
    void limited.then(() => o.lookupsOf(req).verify(decodeURIComponent(path.slice(PERMITS.length)))).then(answer, (e: unknown) => fail(e));
  }
}

/** The per-address limit for public lookups (TRACKING_RATE_LIMIT per TRACKING_RATE_WINDOW_SECONDS). */
async function limit(o: FastPathOptions, req: IncomingMessage, route: string): Promise<void> {
  const address = proxyaddr(req, o.trust);
  const r = await o.limits.increment(`${route}:${clientGroup(address)}`, o.limit.ttlMs, o.limit.max, o.limit.ttlMs, 'tracking-fast');
  if (r.isBlocked) throw new TooManyAttempts(Math.max(1, r.timeToBlockExpire));
}

const parseJson = jsonBody();

/** The JSON body exactly as Express reads it: the same parser, so both stacks agree at every edge (D23). */
function readJson(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = req as IncomingMessage & { body?: unknown };
    void parseJson(request as never, res as never, (e?: unknown) => (e ? reject(e as Error) : resolve(request.body)));
  });
}
