import { randomBytes } from 'node:crypto';
import pg from 'pg';
import kafkajs from 'kafkajs';
import {
  HEADERS,
  INTEGRATION_EVENT_TYPES,
  TOPICS,
  validateIntegrationEvent,
  validateIntegrationEventV2,
  type IntegrationEvent,
  type IntegrationEventV2,
} from '#berkas/contracts';
import { KafkaBroker, SPLIT, TEST_DATABASE_URL, type SplitProcess } from '#berkas/testing';
import { e2eEngines, eventually, Harness, PBG_REQUEST, until } from './support/http-harness.js';
import { PrivatePostgres } from './support/private-postgres.js';
import { javaAndMaven } from './support/java.js';

/**
 * Fault drills on a real Kafka broker (KRaft, started by the test from the
 * jars Maven Central serves) and PostgreSQL, every part its own process:
 * desk API, relay, two projectors in one consumer group.
 */
const hasJava = javaAndMaven('the Kafka drills');
const postgres = (await e2eEngines()).find(([name]) => name === 'PostgreSQL');
// The processes as docs/deployment.md and `npm run split` run them (SPLIT), each on any free port here.
/** Names take letters only: 1 -> A, 27 -> AA. */
const letters = (n: number): string => (n > 26 ? letters(Math.floor((n - 1) / 26)) : '') + String.fromCharCode(65 + ((n - 1) % 26));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function readiness(h: Harness): Promise<{ status: number; relay?: string; consumer?: string }> {
  const r = await fetch(`${h.opsUrl}/health/ready`);
  const body = (await r.json()) as { details?: Record<string, { status: string }> };
  return { status: r.status, relay: body.details?.relay?.status, consumer: body.details?.consumer?.status };
}

/** Readiness settles within this (a relay notices a stalled batch after 5 s, a consumer rejoins after its session). */
const SETTLE_MS = 45_000;
const settled = <T>(probe: () => Promise<T>, ok: (t: T) => boolean) => eventually(probe, ok, SETTLE_MS);

(hasJava && postgres ? describe : describe.skip)('Kafka relay and consumer-group projectors (fault drills)', () => {
  let broker: KafkaBroker;
  let env: Record<string, string | undefined>;
  let drop: () => Promise<void>;
  let sql: pg.Client;
  const started: Harness[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  const start = async (p: SplitProcess, extra: Record<string, string> = {}) => {
    const h = await Harness.start({ ...env, ...p.env, ...extra }, p.entry, p.ready, 120_000);
    started.push(h);
    return h;
  };

  beforeAll(async () => {
    broker = await KafkaBroker.start((l) => console.log(l));
    ({ env, drop } = await postgres![1]());
    env = { ...env, KAFKA_BROKERS: broker.brokers.join(','), KAFKA_PARTITIONS: '4' };
    sql = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await sql.connect();
    await sql.query(`SET search_path TO ${env.DATABASE_SCHEMA}`);
  }, 180_000);

  afterAll(async () => {
    // A part that died during a drill tells why.
    for (const h of started) if (h.died) console.log(`a drill process died; its last output:\n${h.logs().slice(-4000)}`);
    for (const c of cleanups) await c().catch(() => undefined);
    for (const h of started) await h.kill().catch(() => undefined);
    await sql?.end();
    await drop?.();
    await broker?.destroy();
  }, 60_000);

  it('loses nothing and applies everything once through relay kill -9, projector death and a broker restart', async () => {
    const desk = await start(SPLIT.desk);
    let relay = await start(SPLIT.relay);
    const projectorA = await start(SPLIT.projector);
    const projectorB = await start(SPLIT.projector);
    // The rest of the split topology: public tracking and the background jobs (notices, SLA sweep, complaint intake).
    // A minute's cache: what it shows within seconds of a change, the Kafka projectors' signal brought (D57).
    const tracking = await start(SPLIT.tracking, { DEMO_DATA: 'false', TRACKING_CACHE_SECONDS: '60' });
    const jobs = await start(SPLIT.jobs, { DEMO_DATA: 'false' });
    // A lease is taken at the first ask after boot: each job leads within moments, in this one jobs process
    // (the notifier's expiry reminders and escalations among them, and the files' sweep, retention and the intake of
    // corrections handed in online, the expiry of online applications).
    const leads = {
      'sla-sweep': 'leader',
      'complaint-intake': 'leader',
      'correction-intake': 'leader',
      'draft-expiry': 'leader',
      'file-sweep': 'leader',
      retention: 'leader',
      notifier: 'leader',
      'expiry-reminders': 'leader',
      escalations: 'leader',
    };
    expect(
      await jobs.eventually(
        () => jobs.leases(),
        (l) => Object.keys(l).length === Object.keys(leads).length && Object.entries(leads).every(([job, role]) => l[job] === role),
        10_000,
      ),
    ).toEqual(leads);

    // A subscriber of the public contract, as another agency would be.
    const kafka = new kafkajs.Kafka({ brokers: broker.brokers, logLevel: kafkajs.logLevel.NOTHING });
    const subscriber = kafka.consumer({ groupId: 'agency-test', sessionTimeout: 10_000, heartbeatInterval: 1000 });
    const received: IntegrationEvent[] = [];
    const raw: string[] = [];
    cleanups.push(() => subscriber.disconnect());
    await subscriber.connect();
    // It reads v2 (issue 23) too, as an agency moving over does: every message there names the MPP, in body and header.
    const receivedV2: (IntegrationEventV2 & { header?: string })[] = [];
    await subscriber.subscribe({ topics: [TOPICS.dossierEvents, TOPICS.dossierEventsV2], fromBeginning: true });
    await subscriber.run({
      eachMessage: async ({ topic, message }) => {
        const text = message.value!.toString();
        // Nothing private on either version (checked below).
        raw.push(text);
        if (topic === TOPICS.dossierEventsV2) {
          receivedV2.push({ ...validateIntegrationEventV2(JSON.parse(text)), header: message.headers?.[HEADERS.tenant]?.toString() });
          return;
        }
        received.push(validateIntegrationEvent(JSON.parse(text)));
      },
    });

    let n = 0;
    const register = async () => {
      const r = await desk.as('loket', 'POST', '/api/dossiers', {
        ...PBG_REQUEST,
        applicant: { ...PBG_REQUEST.applicant, name: `Pemohon Uji ${letters(++n)}` },
      });
      expect(r.status).toBe(201);
      return r.body as { dossierId: string; registrationNumber: string };
    };
    const burst = async (count: number) => {
      const out = [];
      for (let i = 0; i < count; i++) out.push(await register());
      return out;
    };

    const dossiers = await burst(10);
    // The relay dies the hard way mid-stream, and comes back.
    await relay.kill();
    dossiers.push(...(await burst(10)));
    relay = await start(SPLIT.relay);
    dossiers.push(...(await burst(5)));
    // One of the two projectors dies the hard way: the group gives its partitions to the other.
    await projectorB.kill();
    dossiers.push(...(await burst(10)));
    // Readiness follows the parts: the relay publishes, the projector is in the group.
    expect(await readiness(relay)).toMatchObject({ status: 200, relay: 'up' });
    expect(await readiness(projectorA)).toMatchObject({ status: 200, consumer: 'up' });
    // The broker stops and comes back while commands keep coming.
    const commands = burst(15);
    await sleep(300);
    await broker.stop();
    const stoppedAt = Date.now();
    // More commands once it is gone, so the relay has events to publish however fast the first burst went.
    const duringOutage = burst(5);
    // With the broker away the projector's consumer is not ready within 5 s (it said ready for 25 s before), nor is
    // the relay, which cannot publish (a balancer or orchestrator sees both).
    expect(
      await settled(
        () => readiness(projectorA),
        (r) => r.status === 503,
      ),
    ).toMatchObject({ status: 503, consumer: 'down' });
    const projectorNoticed = Date.now() - stoppedAt;
    expect(
      await settled(
        () => readiness(relay),
        (r) => r.status === 503,
      ),
    ).toMatchObject({ status: 503, relay: 'down' });
    const relayNoticed = Date.now() - stoppedAt;
    // A readiness probe may itself take up to 2 s to give up on a part: 5 s to notice, plus that.
    expect(projectorNoticed).toBeLessThan(7_000);
    expect(relayNoticed).toBeLessThan(7_000);
    await broker.resume();
    dossiers.push(...(await commands), ...(await duringOutage));
    expect(
      await settled(
        () => readiness(relay),
        (r) => r.status === 200,
      ),
    ).toMatchObject({ relay: 'up' });
    // Work at a desk: claims are officer-only events (no public message), a return reaches the public topic.
    const first = dossiers[0];
    // A request's correlation id travels into its events and on to Kafka.
    const traced = await desk.as('loket', 'POST', '/api/dossiers', PBG_REQUEST, { 'X-Request-Id': 'drill-trace-42' });
    expect(traced.status).toBe(201);
    expect(traced.headers.get('x-request-id')).toBe('drill-trace-42');
    dossiers.push(traced.body as { dossierId: string; registrationNumber: string });
    expect((await desk.as('verifikator', 'POST', `/api/dossiers/${first.dossierId}/claim`, {})).status).toBe(200);
    const returned = await desk.as('verifikator', 'POST', `/api/dossiers/${first.dossierId}/return`, { reasons: ['KTP buram'] });
    expect(returned.status).toBe(200);

    const events = (
      await sql.query<{ event_id: string; stream_id: string; stream_version: number; type: string }>(
        'SELECT event_id, stream_id, stream_version, type FROM events ORDER BY transaction_id, global_position',
      )
    ).rows;
    const perDossier = new Map<string, number>();
    for (const e of events) perDossier.set(e.stream_id.slice('dossier-'.length), e.stream_version);
    expect(perDossier.size).toBe(dossiers.length);

    // Every event reaches the read models, in order: every dossier's officer row and public row are at its stream's last
    // version (a projection applies a dossier's events by version, and a gap would quarantine it), and none is quarantined.
    const atVersion = async (table: 'rm_dossiers' | 'pub_tracking') =>
      new Map(
        (
          await sql.query<{ dossier_id: string; last_version: number }>(
            `SELECT dossier_id, last_version FROM ${table} -- tenant: the test reads every MPP's rows`,
          )
        ).rows.map((v) => [v.dossier_id, v.last_version]),
      );
    const caughtUp = (m: Map<string, number>) => m.size === perDossier.size && [...perDossier].every(([id, v]) => m.get(id) === v);
    await until('the read models to catch up', async () =>
      caughtUp(await atVersion('rm_dossiers')) && caughtUp(await atVersion('pub_tracking')) ? true : undefined,
    );
    expect(await atVersion('pub_tracking')).toEqual(perDossier);
    expect((await sql.query('SELECT 1 FROM projection_quarantine')).rows).toEqual([]);
    const versions = (
      await sql.query<{ dossier_id: string; last_version: number }>(
        "SELECT dossier_id, last_version FROM rm_dossiers -- tenant: the test reads every MPP's rows",
      )
    ).rows;
    expect(new Map(versions.map((v) => [v.dossier_id, v.last_version]))).toEqual(perDossier);
    expect(
      Number(
        (await sql.query<{ n: string }>("SELECT count(*)::text AS n FROM pub_tracking -- tenant: the test reads every MPP's rows")).rows[0]
          .n,
      ),
    ).toBe(dossiers.length);
    // The desk queue, read by the API from the Kafka-built read models, holds every dossier but the one returned to its applicant.
    const queue = await desk.as('verifikator', 'GET', '/api/queues/back-office?limit=200');
    expect(queue.status).toBe(200);
    const queued = (queue.body.items as { dossierId: string }[]).map((i) => i.dossierId);
    expect(new Set(queued)).toEqual(new Set(dossiers.filter((d) => d.dossierId !== first.dossierId).map((d) => d.dossierId)));

    // The public contract: every dossier event except the officer-only ones, at least once, valid, and with nothing private.
    const publicEvents = events.filter((e) => !['DossierClaimed', 'DossierReleased', 'DossierReassigned'].includes(e.type));
    await until('the subscriber to see every public event', async () =>
      new Set(received.map((r) => r.eventId)).size === publicEvents.length ? true : undefined,
    );
    expect(new Set(received.map((r) => r.eventId))).toEqual(new Set(publicEvents.map((e) => e.event_id)));
    expect(received.every((r) => INTEGRATION_EVENT_TYPES.includes(r.type))).toBe(true);
    // v2 carries the same events (none here that v1 is closed to), each naming the deployment's one MPP.
    await until('the v2 subscriber to see every public event', async () =>
      new Set(receivedV2.map((r) => r.eventId)).size === publicEvents.length ? true : undefined,
    );
    expect(new Set(receivedV2.map((r) => r.eventId))).toEqual(new Set(publicEvents.map((e) => e.event_id)));
    expect(new Set(receivedV2.map((r) => `${r.tenant} ${r.header}`))).toEqual(new Set(['kota-contoh kota-contoh']));
    for (const text of raw) {
      expect(text).not.toContain('3273011508800001');
      expect(text).not.toMatch(/Pemohon Uji|pinHash|officerId|Verifikator|Rina Loket/);
    }
    // One dossier stays in order: each dossier's sequence numbers, first delivery of each, increase.
    const firstSeen = new Map<string, number[]>();
    const seenIds = new Set<string>();
    for (const r of received) {
      if (seenIds.has(r.eventId)) continue;
      seenIds.add(r.eventId);
      firstSeen.set(r.dossierId, [...(firstSeen.get(r.dossierId) ?? []), r.sequence]);
    }
    // `sequence` counts the dossier's published events (claims are not published): 1, 2, 3 ... with no gap, so a
    // subscriber's gap detection never stalls on an officer-only event.
    for (const seqs of firstSeen.values()) expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(firstSeen.get(first.dossierId)!.length).toBeGreaterThan(2);
    expect(received.find((r) => r.type === 'dossier.returned-for-correction')).toMatchObject({
      dossierId: first.dossierId,
      registrationNumber: first.registrationNumber,
      data: { reasons: ['KTP buram'] },
    });

    expect(received.filter((r) => r.correlationId === 'drill-trace-42').map((r) => r.type)).toEqual(
      expect.arrayContaining(['dossier.registered', 'dossier.step-started']),
    );
    // The public side answers from the Kafka-built read models.
    const tracked = await tracking.eventually(
      () => tracking.track(traced.body.registrationNumber as string, traced.body.pin as string),
      (r) => r.status === 200,
      15_000,
    );
    expect(tracked.status).toBe(200);
    // Now in the tracking process's cache; a verifier's decision, projected from Kafka, replaces it at once.
    const steps = (r: { body: Record<string, unknown> }) => (r.body.timeline as unknown[]).length;
    expect((await desk.act('verifikator', traced.body.dossierId as string, 'complete', { outcome: 'forward' })).status).toBe(200);
    const moved = await tracking.eventually(
      () => tracking.track(traced.body.registrationNumber as string, traced.body.pin as string),
      (r) => steps(r) > steps(tracked),
      15_000,
    );
    expect(steps(moved)).toBeGreaterThan(steps(tracked));
    // Graceful stops: each finishes its work and exits 0.
    for (const h of [relay, projectorA, desk]) await h.close();
    // Before the next drill replaces the broker: a consumer left connected to a vanished broker keeps retrying.
    await subscriber.disconnect();
  }, 240_000);

  it('loses nothing when the database goes away under the relay and the Kafka projector, and recovers by itself', async () => {
    // A cluster of our own to stop, and a fresh broker, so the topics hold this database's events only.
    const db = await PrivatePostgres.create();
    cleanups.push(async () => db.destroy());
    await broker.destroy();
    broker = await KafkaBroker.start((l) => console.log(l));
    const secret = randomBytes(24).toString('hex');
    const own = {
      DATABASE_URL: db.url,
      DATABASE_SCHEMA: 'public',
      JWT_SECRET: secret,
      PIN_SECRET: `${secret}pin`,
      KAFKA_BROKERS: broker.brokers.join(','),
      KAFKA_PARTITIONS: '4',
      KAFKA_GROUP_ID: 'drill-db-loss',
      DB_CONNECT_TIMEOUT_MS: '1000',
      DB_STATEMENT_TIMEOUT_MS: '1000',
      DB_QUERY_TIMEOUT_MS: '1500',
    };
    const desk = await start(SPLIT.desk, { ...own, DEMO_DATA: 'true', DEMO_DOSSIERS: 'false' });
    const relay = await start(SPLIT.relay, own);
    const projector = await start(SPLIT.projector, own);
    let n = 0;
    const register = async () =>
      desk.as('loket', 'POST', '/api/dossiers', {
        ...PBG_REQUEST,
        applicant: { ...PBG_REQUEST.applicant, name: `Pemohon Basis ${letters(++n)}` },
      });
    for (let i = 0; i < 5; i++) expect((await register()).status).toBe(201);

    db.stop();
    // While it is away: commands are refused with 503 (nothing half-written), and neither part says it is ready.
    const refused = await register();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.headers.get('retry-after')).toBeTruthy();
    expect(
      await settled(
        () => readiness(desk),
        (r) => r.status === 503,
      ),
    ).toMatchObject({ status: 503 });
    expect(
      await settled(
        () => readiness(relay),
        (r) => r.status === 503,
      ),
    ).toMatchObject({ status: 503 });
    expect(
      await settled(
        () => readiness(projector),
        (r) => r.status === 503,
      ),
    ).toMatchObject({ status: 503 });
    await sleep(2000);
    db.start();
    expect(
      await settled(
        () => readiness(relay),
        (r) => r.status === 200,
      ),
    ).toMatchObject({ status: 200, relay: 'up' });
    expect(
      await settled(
        () => readiness(desk),
        (r) => r.status === 200,
      ),
    ).toMatchObject({ status: 200 });
    for (let i = 0; i < 5; i++) expect((await register()).status).toBe(201);

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    cleanups.unshift(() => client.end()); // before the cluster goes
    const streams = (
      await client.query<{ stream_id: string; version: number }>(
        'SELECT stream_id, max(stream_version) AS version FROM events GROUP BY stream_id',
      )
    ).rows;
    expect(streams.reduce((n, s) => n + s.version, 0)).toBeGreaterThanOrEqual(20); // 10 registrations, two events each
    // Every event applied: each dossier's officer row and public row at its stream's last version, none quarantined.
    const last = new Map(streams.map((s) => [s.stream_id.slice('dossier-'.length), s.version]));
    const caughtUp = async (table: 'rm_dossiers' | 'pub_tracking') => {
      const { rows } = await client.query<{ dossier_id: string; last_version: number }>(
        `SELECT dossier_id, last_version FROM ${table} -- tenant: the test reads every MPP's rows`,
      );
      return rows.length === last.size && rows.every((r) => last.get(r.dossier_id) === r.last_version);
    };
    await until('the Kafka projector to apply every event after the outage', async () =>
      (await caughtUp('rm_dossiers')) && (await caughtUp('pub_tracking')) ? true : undefined,
    );
    expect((await client.query('SELECT 1 FROM projection_quarantine')).rows).toEqual([]);
    expect(
      Number(
        (await client.query<{ n: string }>("SELECT count(*)::text AS n FROM pub_tracking -- tenant: the test reads every MPP's rows"))
          .rows[0].n,
      ),
    ).toBe(10);
    expect(
      await settled(
        () => readiness(projector),
        (r) => r.status === 200,
      ),
    ).toMatchObject({ status: 200, consumer: 'up' });
  }, 240_000);
});
