/**
 * `npm run bench`, fifth part: the public read path of the all-in-one on
 * embedded PGlite and on PostgreSQL at 2,000 requests/s offered (autocannon, 10 connections),
 * tracking and permit verification, beside a bare Node HTTP server answering
 * the same bytes through the same load generator in the same run; and an
 * officer's queue read, one after another, while the tracking load runs.
 * The per-address rate limit is raised for the run: one load generator is one address. Each server is warmed up
 * first by a few seconds of the same lookups (BENCH_WARMUP_SECONDS, 3), not measured.
 */
import { createServer } from 'node:http';
import autocannon from 'autocannon';
import { e2eEngines, eventually, Harness } from '../support/http-harness.js';
import { pct } from './bench-support.js';
import { noteRow } from './bench-summary.js';

const RATE = Number(process.env.BENCH_READ_RATE ?? 2_000);
const SECONDS = Number(process.env.BENCH_READ_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);

interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/** `rate` undefined: as fast as the server answers (saturated). */
async function load(
  url: string,
  opts: { method?: 'GET' | 'POST'; body?: string; rate?: number | null; seconds?: number } = {},
): Promise<Load> {
  const rate = opts.rate === undefined ? RATE : opts.rate;
  const r = await autocannon({
    url,
    connections: 10,
    duration: opts.seconds ?? SECONDS,
    ...(rate === null ? {} : { overallRate: rate }),
    method: opts.method ?? 'GET',
    body: opts.body,
    headers: opts.body ? { 'content-type': 'application/json' } : {},
  });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.non2xx + r.errors + r.timeouts };
}

/** A bare server answering `body` to every request, reading the request body first (as the API does). */
async function bare(body: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) };
}

async function measure(engine: string, env: Record<string, string | undefined>): Promise<void> {
  const app = await Harness.start({
    ...env,
    DEMO_DATA: 'true',
    DEMO_DOSSIERS: 'true',
    TRACKING_RATE_LIMIT: '100000000',
    // The product's default (the test harness polls faster, which the all-in-one does not do).
    PROJECTOR_POLL_MS: undefined,
  });
  try {
    const [, number, pin] = /(PBG-2026-000001)\s+PIN (\d{6})/.exec(app.banner) ?? [];
    const lookup = JSON.stringify({ registrationNumber: number, pin });
    const tracked = await app.track(number, pin);
    // The issued demo permit's QR code, as a supervisor sees it on the dossier.
    const desks = ((await app.as('supervisor', 'GET', '/api/desks')).body as unknown as { id: string }[]).map((d) => d.id);
    const findCode = async (): Promise<string | undefined> => {
      for (const desk of desks) {
        const queue = (await app.as('supervisor', 'GET', `/api/queues/${desk}`)).body as unknown as { items?: { dossierId: string }[] };
        for (const item of queue.items ?? []) {
          const detail = JSON.stringify((await app.as('supervisor', 'GET', `/api/dossiers/${item.dossierId}`)).body);
          const found = /"verificationCode":"([A-Z0-9]{6,32})"/.exec(detail)?.[1];
          if (found) return found;
        }
      }
      return undefined;
    };
    // The demo dossiers reach the read models a moment after the banner.
    const code = await eventually(findCode, (c) => c !== undefined, 20_000);
    if (!code) throw new Error(`no issued permit in the demo data (desks: ${desks.join(', ')})`);
    const permit = await fetch(`${app.url}/api/public/permits/${code}`);
    const permitBody = await permit.text();

    // Warm-up, not measured: a server that has just started answers its first thousands of requests with a cold JIT,
    // which a server in service has long passed (and which alone made the p99 of the first load measured).
    await load(`${app.url}/api/public/tracking`, { method: 'POST', body: lookup, rate: null, seconds: WARMUP_SECONDS });
    await load(`${app.url}/api/public/permits/${code}`, { rate: null, seconds: WARMUP_SECONDS });

    const rows: [string, Load, Load][] = [];
    const bareTracking = await bare(JSON.stringify(tracked.body));
    rows.push([
      'tracking POST',
      await load(`${app.url}/api/public/tracking`, { method: 'POST', body: lookup }),
      await load(bareTracking.url, { method: 'POST', body: lookup }),
    ]);
    const saturated = await load(`${app.url}/api/public/tracking`, { method: 'POST', body: lookup, rate: null });
    const bareSaturated = await load(bareTracking.url, { method: 'POST', body: lookup, rate: null });
    await bareTracking.close();
    const barePermit = await bare(permitBody);
    rows.push(['permit GET', await load(`${app.url}/api/public/permits/${code}`), await load(barePermit.url)]);
    await barePermit.close();

    // An officer's queue while the public load runs.
    const queueMs: number[] = [];
    const during = load(`${app.url}/api/public/tracking`, { method: 'POST', body: lookup });
    const until = Date.now() + (SECONDS - 1) * 1000;
    await new Promise((r) => setTimeout(r, 500));
    while (Date.now() < until) {
      const t = performance.now();
      await app.as('verifikator', 'GET', '/api/queues/back-office');
      queueMs.push(performance.now() - t);
    }
    await during;
    const quietMs: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t = performance.now();
      await app.as('verifikator', 'GET', '/api/queues/back-office');
      quietMs.push(performance.now() - t);
    }

    console.log(
      `\npublic read path, all-in-one on ${engine}, ${RATE} req/s offered for ${SECONDS} s, 10 connections (bare: node:http answering the same bytes)`,
    );
    console.log('what             Berkas req/s   p50 ms   p99 ms   errors    bare req/s   p50 ms   p99 ms   target 2000/s p99<5');
    for (const [name, b, base] of rows) {
      const met = b.rps >= RATE * 0.98 && b.p99 < 5 && b.errors === 0;
      console.log(
        [
          name.padEnd(15),
          b.rps.toFixed(0).padStart(13),
          b.p50.toFixed(1).padStart(8),
          b.p99.toFixed(1).padStart(8),
          String(b.errors).padStart(8),
          base.rps.toFixed(0).padStart(13),
          base.p50.toFixed(1).padStart(8),
          base.p99.toFixed(1).padStart(8),
          (met ? 'met' : 'MISSED').padStart(20),
        ].join(' '),
      );
    }
    const ratio = saturated.rps / bareSaturated.rps;
    console.log(
      `tracking POST saturated (10 connections, no rate): ${saturated.rps.toFixed(0)} req/s, p50 ${saturated.p50.toFixed(1)} ms, ` +
        `${saturated.errors} errors; bare ${bareSaturated.rps.toFixed(0)} req/s; ratio ${ratio.toFixed(2)}   target>=0.30: ${ratio >= 0.3 ? 'met' : 'MISSED'}`,
    );
    const [, tracking, bareTrack] = rows[0];
    noteRow({
      path: `public tracking at ${RATE}/s offered, ${engine}`,
      now: `p99 ${tracking.p99.toFixed(1)} ms (${tracking.rps.toFixed(0)}/s, ${tracking.errors} errors)`,
      baseline: `bare p99 ${bareTrack.p99.toFixed(1)} ms`,
      target: 'p99 < 5 ms, every request answered',
      met: tracking.rps >= RATE * 0.98 && tracking.p99 < 5 && tracking.errors === 0,
    });
    noteRow({
      path: `public tracking saturated, ${engine}`,
      now: `${saturated.rps.toFixed(0)}/s (${saturated.errors} errors)`,
      baseline: `bare ${bareSaturated.rps.toFixed(0)}/s`,
      ratio,
      target: '>= 0.30 of bare',
      met: ratio >= 0.3 && saturated.errors === 0,
    });
    noteRow({
      path: `officers' queue during the tracking load, ${engine}`,
      now: `p99 ${pct(queueMs, 99).toFixed(1)} ms`,
      baseline: `at rest p99 ${pct(quietMs, 99).toFixed(1)} ms`,
      target: 'reported (no target)',
      met: true,
    });
    console.log(
      `officer queue read during the tracking load: p50 ${pct(queueMs, 50).toFixed(1)} ms, p99 ${pct(queueMs, 99).toFixed(1)} ms (${queueMs.length} reads); ` +
        `at rest: p50 ${pct(quietMs, 50).toFixed(1)} ms, p99 ${pct(quietMs, 99).toFixed(1)} ms\n`,
    );
  } finally {
    await app.close();
  }
}

for (const [engine, factory] of await e2eEngines()) {
  const { env, drop } = await factory();
  try {
    await measure(engine, { ...env, ...(engine === 'PGlite' ? { DATABASE_URL: '' } : {}) });
  } finally {
    await drop();
  }
}
