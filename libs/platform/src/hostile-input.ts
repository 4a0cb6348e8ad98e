import type { NextFunction, Request, Response } from 'express';

/** Deeper than any Berkas body needs (a registration is 3 levels); far below what would overflow a recursive transform. */
export const MAX_JSON_DEPTH = 12;
/** Keys that would reach an object's prototype in a careless merge; refused like any unknown field. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface InputProblem {
  field: string;
  reason: string;
}

/**
 * Walks a parsed JSON body without recursion and names the first thing no
 * Berkas request may contain: a NUL character (PostgreSQL refuses it in text),
 * a prototype key, or nesting deeper than MAX_JSON_DEPTH.
 */
export function hostileJson(body: unknown): InputProblem | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: body, path: '', depth: 0 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\0')) return { field: path || '(body)', reason: 'must not contain a NUL character' };
      if (!value.isWellFormed()) return { field: path || '(body)', reason: 'is not well-formed Unicode (a lone surrogate)' };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return { field: path || '(body)', reason: `is nested too deeply (at most ${MAX_JSON_DEPTH} levels)` };
    const entries: [string, unknown][] = Array.isArray(value)
      ? value.map((v, i) => [String(i), v])
      : Object.keys(value).map((k) => [k, (value as Record<string, unknown>)[k]]);
    for (const [key, child] of entries) {
      const childPath = path ? `${path}.${key}` : key;
      if (!Array.isArray(value)) {
        if (key.includes('\0')) return { field: childPath.replace(/\0/g, '\\0'), reason: 'a field name must not contain a NUL character' };
        if (PROTOTYPE_KEYS.has(key)) return { field: childPath, reason: 'property should not exist' };
        if (!key.isWellFormed()) return { field: childPath.toWellFormed(), reason: 'a field name must be well-formed Unicode' };
      }
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return undefined;
}

/**
 * Brings every string of a checked body (values and keys) to Unicode NFC, in
 * place, so that "é" typed as one code point or as "e" and a combining accent
 * is stored, searched and masked as the same text.
 */
export function normaliseJson(body: unknown): unknown {
  if (typeof body === 'string') return body.normalize('NFC');
  const stack: unknown[] = [body];
  while (stack.length) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      value.forEach((v, i) => (typeof v === 'string' ? (value[i] = v.normalize('NFC')) : stack.push(v)));
      continue;
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const child = record[key];
      const nfcKey = key.normalize('NFC');
      if (nfcKey !== key) delete record[key];
      record[nfcKey] = typeof child === 'string' ? child.normalize('NFC') : child;
      if (typeof child !== 'string') stack.push(child);
    }
  }
  return body;
}

/** The request line: a NUL or a malformed escape in the path or query is refused before any route sees it. */
export function hostileUrl(url: string): InputProblem | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(url);
  } catch {
    return { field: '(url)', reason: 'contains a malformed percent-escape' };
  }
  if (decoded.includes('\0')) return { field: '(url)', reason: 'must not contain a NUL character' };
  return decoded.isWellFormed() ? undefined : { field: '(url)', reason: 'is not well-formed Unicode (a lone surrogate)' };
}

/** Express middleware: answers 400 problem+json, in the validation shape, before validation and before the database. */
export function rejectHostileInput(req: Request, res: Response, next: NextFunction): void {
  const problem = hostileUrl(req.originalUrl) ?? (req.body === undefined ? undefined : hostileJson(req.body));
  if (!problem) {
    if (req.body !== undefined) req.body = normaliseJson(req.body);
    return next();
  }
  res
    .status(400)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        type: 'urn:berkas:problem:validation',
        title: 'Permintaan tidak valid / Invalid request',
        status: 400,
        errors: [problem],
        instance: req.originalUrl.replace(/%00/gi, ''),
      }),
    );
}
