import { gzipSync } from 'node:zlib';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Harness } from './support/http-harness.js';

/**
 * The public lookups' fast path (D23) answers exactly what the Express route
 * answers: the same request, sent to an all-in-one with TRACKING_FAST_PATH on
 * and to one with it off, gets the same status, headers and body.
 */
interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const COMPARED_HEADERS = [
  'content-type',
  'content-security-policy',
  'x-frame-options',
  'x-content-type-options',
  'referrer-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'retry-after',
  'x-powered-by',
];

describe('public lookups: the fast path answers as the Express route does', () => {
  const dirs: string[] = [];
  let fast: Harness;
  let express: Harness;
  const start = (env: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'berkas-fast-'));
    dirs.push(dir);
    // Same secret, same demo seed: the same numbers and, per dossier id, PINs read from each banner.
    return Harness.start({ BERKAS_DATA_DIR: dir, DATABASE_URL: '', DEMO_DOSSIERS: 'true', TRACKING_PIN_ATTEMPTS: '3', ...env });
  };

  beforeAll(async () => {
    [fast, express] = await Promise.all([start({ TRACKING_FAST_PATH: 'true' }), start({ TRACKING_FAST_PATH: 'false' })]);
  }, 90_000);
  afterAll(async () => {
    await Promise.all([fast?.close(), express?.close()]);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  const send = async (
    app: Harness,
    method: string,
    path: string,
    body?: string | Uint8Array<ArrayBuffer>,
    headers: Record<string, string> = {},
  ): Promise<Answer> => {
    const res = await fetch(`${app.url}${path}`, { method, body, headers });
    const h: Record<string, string> = {};
    for (const name of COMPARED_HEADERS) {
      const v = res.headers.get(name);
      if (v !== null) h[name] = v;
    }
    return { status: res.status, headers: h, body: await res.text() };
  };
  const pinOf = (app: Harness, number: string) => new RegExp(`${number}\\s+PIN (\\d{6})`).exec(app.banner)![1];
  const both = async (
    method: string,
    path: string,
    body?: (app: Harness) => string | Uint8Array<ArrayBuffer>,
    headers: Record<string, string> = {},
  ) => {
    const [a, b] = await Promise.all([
      send(fast, method, path, body?.(fast), headers),
      send(express, method, path, body?.(express), headers),
    ]);
    return { fast: a, express: b };
  };
  const json = { 'content-type': 'application/json' };
  const wrongPin = JSON.stringify({ registrationNumber: 'PBG-2026-000002', pin: '000000' });

  it('answers a correct lookup with the same view, headers and correlation id', async () => {
    const body = (app: Harness) => JSON.stringify({ registrationNumber: 'PBG-2026-000001', pin: pinOf(app, 'PBG-2026-000001') });
    const { fast: a, express: b } = await both('POST', '/api/public/tracking', body, { ...json, 'x-request-id': 'lobby-42' });
    expect(a.status).toBe(200);
    expect(a.headers).toEqual(b.headers);
    // Timestamps differ between the two installations; everything else is the same.
    const shape = (s: string) => s.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'T');
    expect(shape(a.body)).toEqual(shape(b.body));
    const echoed = await fetch(`${fast.url}/api/public/tracking`, {
      method: 'POST',
      body: body(fast),
      headers: { ...json, 'x-request-id': 'lobby-42' },
    });
    expect(echoed.headers.get('x-request-id')).toBe('lobby-42');
    // And the two really took different paths: Express adds an ETag to a JSON answer, the fast path does not.
    expect(echoed.headers.get('etag')).toBeNull();
    const viaExpress = await fetch(`${express.url}/api/public/tracking`, { method: 'POST', body: body(express), headers: json });
    expect(viaExpress.headers.get('etag')).not.toBeNull();
  });

  it.each([
    ['a wrong PIN', JSON.stringify({ registrationNumber: 'PBG-2026-000002', pin: '000000' }), json],
    ['an unknown number', JSON.stringify({ registrationNumber: 'PBG-2026-999999', pin: '000000' }), json],
    ['invalid fields', JSON.stringify({ registrationNumber: 'pbg 1', pin: '12' }), json],
    ['an unknown field', JSON.stringify({ registrationNumber: 'PBG-2026-000001', pin: '123456', admin: true }), json],
    ['malformed JSON', '{"registrationNumber": ', json],
    ['a form body', 'registrationNumber=PBG-2026-000001&pin=123456', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['a NUL in a value', JSON.stringify({ registrationNumber: 'PBG\u0000', pin: '123456' }), json],
    ['a prototype key', '{"__proto__": {"x": 1}, "registrationNumber": "PBG-2026-000001", "pin": "123456"}', json],
    ['JSON nested too deep', `${'['.repeat(20)}${']'.repeat(20)}`, json],
    ['a body over 64 kB', JSON.stringify({ registrationNumber: 'A'.repeat(70_000), pin: '123456' }), json],
    // The edges where the two stacks once disagreed: both read bodies with Express's own parser now.
    ['a charset other than UTF-8', wrongPin, { 'content-type': 'application/json; charset=latin1' }],
    ['a +json media type', wrongPin, { 'content-type': 'application/merge-patch+json' }],
    ['a gzip-encoded body', new Uint8Array(gzipSync(wrongPin)), { ...json, 'content-encoding': 'gzip' }],
    ['an unknown Content-Encoding', wrongPin, { ...json, 'content-encoding': 'br2' }],
    ['a byte-order mark', `\uFEFF${wrongPin}`, json],
    ['a null body', 'null', json],
  ])('refuses %s with the same problem', async (_what, body, headers) => {
    const { fast: a, express: b } = await both('POST', '/api/public/tracking', () => body, headers);
    expect(a.status).toBeGreaterThanOrEqual(400);
    expect(a).toEqual(b);
  });

  it.each([['/api/public/permits/NOSUCHCODE1'], ['/api/public/permits/lower-case'], ['/api/public/permits/%00ABC']])(
    'answers GET %s the same way',
    async (path) => {
      const { fast: a, express: b } = await both('GET', path);
      expect(a.status).toBeGreaterThanOrEqual(400);
      expect(a).toEqual(b);
    },
  );

  it('locks a number after the same wrong PINs, with the same 429 and Retry-After', async () => {
    const body = () => JSON.stringify({ registrationNumber: 'PBG-2026-000003', pin: '999999' });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await both('POST', '/api/public/tracking', body, json));
    expect(answers.map((x) => x.fast.status)).toEqual([404, 404, 429, 429]);
    expect(answers.map((x) => x.fast.status)).toEqual(answers.map((x) => x.express.status));
    expect(Number(answers[3].fast.headers['retry-after'])).toBeGreaterThan(800);
    expect(answers[3].fast.body).toEqual(
      answers[3].express.body.replace(/"retryAfter":\d+/, answers[3].fast.body.match(/"retryAfter":\d+/)![0]),
    );
  });
});

describe('public lookups: the fast path keeps the per-address limit', () => {
  let app: Harness;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'berkas-fast-limit-'));
    app = await Harness.start({ BERKAS_DATA_DIR: dir, DATABASE_URL: '', TRACKING_RATE_LIMIT: '5', TRACKING_FAST_PATH: 'true' });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 429 with Retry-After past TRACKING_RATE_LIMIT lookups a window from one address', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 7; i++) {
      const res = await fetch(`${app.url}/api/public/permits/NOSUCHCODE${i}`);
      statuses.push(res.status);
      retryAfter ??= res.headers.get('retry-after');
      await res.text();
    }
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('limits tracking lookups the same way, refusing before the body is read, and keeps serving', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await fetch(`${app.url}/api/public/tracking`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ registrationNumber: `PBG-2026-00009${i}`, pin: '000000' }),
      });
      statuses.push(res.status);
      await res.text();
    }
    expect(statuses.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    // The process is still there: other routes answer.
    expect((await fetch(`${app.url}/`)).status).toBe(200);
    expect(app.died).toBeFalsy();
  });
});
