import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

const context = new AsyncLocalStorage<string>();
const ACCEPTED = /^[\w.:-]{1,128}$/;

/**
 * Gives every request a correlation id: the caller's `X-Request-Id` when it is
 * a plain token (up to 128 of letters, digits and . _ : -), else a new UUID.
 * It is echoed in the response, written into the metadata of the events the
 * request causes, and carried by the relay as a Kafka header.
 */
export function correlationMiddleware(req: Request, res: Response, next: NextFunction): void {
  withCorrelation(req, res, next);
}

/** Gives the request its correlation id (echoed in X-Request-Id) and runs `fn` with it current; for handlers outside Express too. */
export function withCorrelation<T>(req: IncomingMessage, res: ServerResponse, fn: () => T): T {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && ACCEPTED.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return context.run(id, fn);
}

/** The correlation id of the request being served, if any. */
export const currentCorrelationId = (): string | undefined => context.getStore();
