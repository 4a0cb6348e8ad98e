/**
 * `npm run bench`: command throughput and projection lag on PGlite and on
 * PostgreSQL, beside a raw single-row INSERT measured in the same run on the
 * same engine, and the all-in-one process's resident memory at rest.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dossierUpcastSteps } from '#berkas/domain';
import { PostgresEventStore, upcasterFrom } from '#berkas/event-store';
import { type SqlDatabase } from '#berkas/sql';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { BroadcastChannel } from 'node:worker_threads';
import { buildProjector, Projector, ProjectorThread, type ProjectorHandle } from '#berkas/read-models';
import { catalogue, freshPostgres, officers, postgresAvailable, sqlEngines, TEST_DATABASE_URL } from '#berkas/testing';
import { dossierWriter, inParallel, pct, timed } from './bench-support.js';
import { noteRow } from './bench-summary.js';

const N = Number(process.env.BENCH_DOSSIERS ?? 300);
async function rawInsertRate(db: SqlDatabase, n: number, workers: number): Promise<number> {
  await db.exec('CREATE TABLE IF NOT EXISTS bench_raw (id bigserial PRIMARY KEY, payload jsonb NOT NULL)');
  const t0 = performance.now();
  await inParallel(n, workers, async (i) => {
    await db.query('INSERT INTO bench_raw (payload) VALUES ($1)', [JSON.stringify({ i, pad: 'x'.repeat(200) })]);
  });
  return n / ((performance.now() - t0) / 1000);
}

/** The bench's projector on a thread of its own (`bench-projector-worker`), over `schema` on the test server. */
async function projectorThread(schema: string): Promise<ProjectorThread> {
  const thread = new ProjectorThread({
    entry: new URL('./bench-projector-worker.js', import.meta.url),
    workerData: { url: TEST_DATABASE_URL, schema },
    onError: (message) => console.error(message),
  });
  thread.start();
  await thread.untilReady();
  return thread;
}

async function benchEngine(name: string, db: SqlDatabase, workers: number) {
  const raw = await rawInsertRate(db, N * 2, workers);
  const store = await PostgresEventStore.create(db, { upcaster: upcasterFrom(dossierUpcastSteps) });
  const cat = catalogue();
  const seen = new Map<string, number>();
  const base = buildProjector(store, db, cat, 10);
  await base.init();
  // On PostgreSQL the all-in-one projects on a thread of its own (PROJECTOR_THREAD, issue 24): so does the bench.
  const threaded = db.engine === 'postgres' && process.env.PROJECTOR_THREAD !== 'false';
  let projector: ProjectorHandle;
  let channel: BroadcastChannel | undefined;
  if (threaded) {
    const { rows } = await db.query<{ schema: string }>('SELECT current_schema() AS schema');
    channel = new BroadcastChannel('berkas-bench-seen');
    channel.onmessage = (m) => {
      for (const [key, at] of (m as { data: [string, number][] }).data) if (!seen.has(key)) seen.set(key, at - performance.timeOrigin);
    };
    projector = await projectorThread(rows[0].schema);
  } else {
    const inProcess = new Projector(
      store,
      db,
      base.projections.map((p) => timed(p, seen)),
      { pollMs: 10 },
    );
    inProcess.start();
    projector = inProcess;
  }
  const committed = new Map<string, number>();
  const write = dossierWriter(store, committed, () => projector.poke());
  const t0 = performance.now();
  await inParallel(N, workers, async (i) => {
    await write(i, officers);
  });
  const seconds = (performance.now() - t0) / 1000;
  const until = performance.now() + 10_000;
  while (performance.now() < until && [...committed.keys()].some((k) => !seen.has(k))) await new Promise((r) => setTimeout(r, 10));
  await projector.stop();
  channel?.close();
  const lags = [...committed.entries()].filter(([k]) => seen.has(k)).map(([k, t]) => Math.max(0, seen.get(k)! - t));
  return {
    name: `${name} x${workers}`,
    threaded,
    raw,
    commands: (2 * N) / seconds,
    p50: pct(lags, 50),
    p99: pct(lags, 99),
    applied: lags.length,
    expected: committed.size,
  };
}

/**
 * What the request thread does while the projector catches up with a backlog (after an outage, a deploy, a rebuild's
 * tail): commands keep coming, one pair every 20 ms, and are timed, with the event loop's longest stall, once with
 * the projector on the request thread and once on a thread of its own (PROJECTOR_THREAD), on the same backlog size.
 */
const CATCH_UP_DOSSIERS = 3_000;
async function duringCatchUp(threaded: boolean) {
  const { db, schema, drop } = await freshPostgres(8);
  try {
    const store = await PostgresEventStore.create(db, { upcaster: upcasterFrom(dossierUpcastSteps) });
    const base = buildProjector(store, db, catalogue(), 10);
    await base.init();
    const write = dossierWriter(store, new Map());
    await inParallel(CATCH_UP_DOSSIERS, 8, async (i) => {
      await write(i, officers);
    });
    const backlog = await store.countEvents();
    let projector: ProjectorHandle = base;
    if (threaded) projector = await projectorThread(schema);
    else base.start();
    const stalls = monitorEventLoopDelay({ resolution: 1 });
    stalls.enable();
    const t0 = performance.now();
    const ms: number[] = [];
    let done = false;
    const commands = (async () => {
      while (!done) {
        const t = performance.now();
        await write(0, officers);
        ms.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    await projector.catchUp();
    const seconds = (performance.now() - t0) / 1000;
    done = true;
    await commands;
    stalls.disable();
    await projector.stop();
    return { backlog, seconds, p50: pct(ms, 50), p99: pct(ms, 99), n: ms.length, longestStall: stalls.max / 1e6 };
  } finally {
    await drop();
  }
}

/**
 * The all-in-one's resident memory at rest: sampled each second for `REST_SECONDS` after the demo data is in, the
 * last sample reported beside the highest. On Node 24 the start-up's garbage (about 120 MB) stays resident for some
 * 15 s, until V8's memory reducer returns it: a reading 3 s after start-up said 513 MB, 20 s after 392 MB.
 */
const REST_SECONDS = 30;
async function restingMemory(): Promise<{ rest: number; highest: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'berkas-bench-'));
  const child = spawn(process.execPath, ['dist/apps/berkas/src/main.js'], {
    env: { ...process.env, PORT: '0', BERKAS_DATA_DIR: dir, DATABASE_URL: '', DEMO_DATA: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const t = setTimeout(() => reject(new Error(`all-in-one did not start:\n${out}`)), 60_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Demo dossiers')) {
        clearTimeout(t);
        resolve();
      }
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  });
  const samples: number[] = [];
  for (let i = 0; i < REST_SECONDS; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    samples.push(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024);
  }
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
  return { rest: samples[samples.length - 1], highest: Math.max(...samples) };
}

const rows = [];
for (const [name, factory] of await sqlEngines()) {
  // One writer, then 8 concurrent writers (officers at many desks); PGlite has one connection, so only one.
  for (const workers of name === 'PGlite' ? [1] : [1, 8]) {
    const { db, drop } = await factory();
    try {
      rows.push(await benchEngine(name, db, workers));
    } finally {
      await drop();
    }
  }
}
console.log(
  `\nBerkas benchmark: ${N} dossiers registered and routed (${2 * N} commands) per row, projector running (node ${process.version})`,
);
console.log('xN: concurrent writers, for the raw INSERT baseline and the commands alike');
console.log(
  `projector: ${rows.some((r) => r.threaded) ? "on a thread of its own on PostgreSQL (the all-in-one's default, PROJECTOR_THREAD), " : ''}on the writers' thread on PGlite\n`,
);
console.log('engine         raw INSERT/s   commands/s   ratio         target   lag p50 ms   lag p99 ms   target<100   projected');
for (const r of rows) {
  const ratio = r.commands / r.raw;
  // Issue 8: half the raw insert rate on PostgreSQL, a quarter on PGlite (it shares its one thread with the projector).
  const target = r.name.startsWith('PGlite') ? 0.25 : 0.5;
  console.log(
    [
      r.name.padEnd(13),
      r.raw.toFixed(0).padStart(13),
      r.commands.toFixed(0).padStart(12),
      ratio.toFixed(2).padStart(7),
      `>=${target.toFixed(2)} ${ratio >= target ? 'met' : 'MISSED'}`.padStart(14),
      r.p50.toFixed(1).padStart(12),
      r.p99.toFixed(1).padStart(12),
      (r.p99 < 100 ? 'met' : 'MISSED').padStart(12),
      `${r.applied}/${r.expected}`.padStart(11),
    ].join(' '),
  );
  noteRow({
    path: `commands, ${r.name}`,
    now: `${r.commands.toFixed(0)}/s`,
    baseline: `raw INSERT ${r.raw.toFixed(0)}/s`,
    ratio,
    target: `>= ${target.toFixed(2)} of raw INSERT`,
    met: ratio >= target,
  });
  if (r.name === 'PostgreSQL x8')
    noteRow({
      path: `projection lag, ${r.name}`,
      now: `p99 ${r.p99.toFixed(0)} ms (p50 ${r.p50.toFixed(0)})`,
      baseline: '-',
      target: 'p99 < 100 ms, every event projected',
      met: r.p99 < 100 && r.applied === r.expected,
    });
}
if (await postgresAvailable()) {
  const [own, shared] = [await duringCatchUp(true), await duringCatchUp(false)];
  console.log(`\ncommands while the projector catches up with ${own.backlog} events (PostgreSQL, a pair every 20 ms):`);
  for (const [where, r] of [
    ['projector on its own thread  ', own],
    ['projector on the request thread', shared],
  ] as const)
    console.log(
      `  ${where}  caught up in ${r.seconds.toFixed(1)} s; ${r.n} pairs, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms; ` +
        `longest event-loop stall ${r.longestStall.toFixed(0)} ms`,
    );
  noteRow({
    path: `commands during a catch-up of ${own.backlog} events, PostgreSQL`,
    now: `p99 ${own.p99.toFixed(0)} ms, longest stall ${own.longestStall.toFixed(0)} ms (own thread, ${own.seconds.toFixed(1)} s)`,
    baseline: `request thread: p99 ${shared.p99.toFixed(0)} ms, stall ${shared.longestStall.toFixed(0)} ms (${shared.seconds.toFixed(1)} s)`,
    target: 'reported (no target)',
    met: true,
  });
}
const { rest, highest } = await restingMemory();
console.log(
  `\nall-in-one at rest with demo data (PGlite): ${rest.toFixed(0)} MB resident ${REST_SECONDS} s after start-up (highest meanwhile ` +
    `${highest.toFixed(0)} MB)   target<512 MB: ${rest < 512 ? 'met' : 'MISSED'}\n`,
);
noteRow({
  path: 'all-in-one at rest (PGlite, demo data)',
  now: `${rest.toFixed(0)} MB after ${REST_SECONDS} s (highest ${highest.toFixed(0)} MB)`,
  baseline: '-',
  target: '< 512 MB',
  met: rest < 512,
});
