/**
 * `npm run bench`: how fresh an applicant's page is in the split deployment
 * (issue 24, D57). A desk API, a projector and a tracking process of their
 * own on PostgreSQL, each with the product's defaults (projector poll 250 ms,
 * tracking cache 2 s). Dossiers are registered and looked up once, so each is
 * in the tracking process's cache; then a verifier forwards them at
 * `BENCH_FRESH_RATE` dossiers a second (two commands each: claim, complete).
 * For each, from the command's answer: when the projection wrote the public
 * row (its `last_version`, read every 5 ms: the baseline), and when the
 * tracking process first answered the new state (looked up every 5 ms).
 */
import pg from 'pg';
import { TEST_DATABASE_URL } from '#berkas/testing';
import { e2eEngines, Harness, PBG_REQUEST } from '../support/http-harness.js';
import { pct, sleep } from './bench-support.js';
import { noteRow } from './bench-summary.js';

const RATE = Number(process.env.BENCH_FRESH_RATE ?? 30);
const DOSSIERS = Number(process.env.BENCH_FRESH_DOSSIERS ?? 300);
const ON = /\son (http:\/\/\S+?)[\s(]/;

const postgres = (await e2eEngines()).find(([name]) => name === 'PostgreSQL');
if (!postgres) {
  console.log('\n*** command to public answer: SKIPPED (no PostgreSQL; the split deployment needs one) ***\n');
  process.exit(0);
}
const { env, drop } = await postgres[1]();
const defaults = { PROJECTOR_POLL_MS: undefined, LOG_JSON: 'false' };
const projector = await Harness.start(
  { ...env, ...defaults, RUN_PROJECTOR: 'true' },
  'dist/apps/projector/src/main.js',
  /projector (running)/,
);
const desk = await Harness.start({ ...env, ...defaults, RUN_PROJECTOR: 'false' }, 'dist/apps/desk-api/src/main.js', ON);
const tracking = await Harness.start(
  { ...env, ...defaults, RUN_PROJECTOR: 'false', DEMO_DATA: 'false', TRACKING_RATE_LIMIT: '100000000' },
  'dist/apps/tracking/src/main.js',
  ON,
);
const db = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${env.DATABASE_SCHEMA}` });
await db.connect();
try {
  const dossiers: { id: string; reg: string; pin: string; version: number }[] = [];
  for (let i = 0; i < DOSSIERS; i++) {
    const r = await desk.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
    if (r.status !== 201) throw new Error(`registration answered ${r.status}: ${JSON.stringify(r.body)}`);
    dossiers.push({ id: r.body.dossierId as string, reg: r.body.registrationNumber as string, pin: r.body.pin as string, version: 0 });
  }
  const timelineOf = async (d: (typeof dossiers)[number]) =>
    ((await tracking.track(d.reg, d.pin)).body.timeline as unknown[] | undefined)?.length ?? 0;
  const steps = new Map<string, number>();
  for (const d of dossiers) {
    // Projected and in the tracking cache before the measure starts.
    let n = 0;
    for (let tries = 0; n === 0 && tries < 400; tries++) if ((n = await timelineOf(d)) === 0) await sleep(25);
    steps.set(d.id, n);
    d.version = (await db.query<{ v: number }>('SELECT last_version AS v FROM pub_tracking WHERE dossier_id = $1', [d.id])).rows[0].v;
  }
  await desk.login('verifikator');

  const projected: number[] = [];
  const answered: number[] = [];
  const behind: number[] = [];
  const started = performance.now();
  await Promise.all(
    dossiers.map(async (d, i) => {
      const due = started + (i * 1000) / RATE;
      await sleep(Math.max(0, due - performance.now()));
      const done = await desk.act('verifikator', d.id, 'complete', { outcome: 'forward' });
      if (done.status !== 200) throw new Error(`forward answered ${done.status}: ${JSON.stringify(done.body)}`);
      const t0 = performance.now();
      let inRow: number | undefined;
      let inAnswer: number | undefined;
      const row = (async () => {
        while (inRow === undefined) {
          const { rows } = await db.query<{ v: number }>('SELECT last_version AS v FROM pub_tracking WHERE dossier_id = $1', [d.id]);
          if (rows[0].v > d.version) inRow = performance.now() - t0;
          else await sleep(5);
        }
      })();
      const answer = (async () => {
        while (inAnswer === undefined) {
          if ((await timelineOf(d)) > steps.get(d.id)!) inAnswer = performance.now() - t0;
          else await sleep(5);
        }
      })();
      await Promise.all([row, answer]);
      projected.push(inRow!);
      answered.push(inAnswer!);
      behind.push(Math.max(0, inAnswer! - inRow!));
    }),
  );
  const f = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(0).padStart(5)} ms   p99 ${pct(xs, 99).toFixed(0).padStart(5)} ms`;
  console.log(
    `\ncommand to public answer, split deployment on PostgreSQL (desk API, projector, tracking: product defaults), ${DOSSIERS} dossiers forwarded at ${RATE}/s`,
  );
  console.log(`  command -> public row projected (baseline)   ${f(projected)}`);
  console.log(`  command -> tracking process answers it        ${f(answered)}`);
  const p99 = pct(behind, 99);
  console.log(`  answer behind the projection                  ${f(behind)}   target p99<250: ${p99 < 250 ? 'met' : 'MISSED'}\n`);
  noteRow({
    path: 'command to public answer, split deployment',
    now: `p50 ${pct(answered, 50).toFixed(0)} ms, p99 ${pct(answered, 99).toFixed(0)} ms (behind projection p99 ${p99.toFixed(0)} ms)`,
    baseline: `projection p50 ${pct(projected, 50).toFixed(0)} ms, p99 ${pct(projected, 99).toFixed(0)} ms`,
    target: 'fresh within 250 ms of projection (p99)',
    met: p99 < 250,
  });
} finally {
  await db.end();
  await tracking.close();
  await desk.close();
  await projector.close();
  await drop();
}
