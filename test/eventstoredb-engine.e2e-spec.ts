import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDbWireProtocolFake } from '#berkas/event-store/testing';
import { Harness, PBG_REQUEST } from './support/http-harness.js';

/**
 * The engine is chosen by configuration: the all-in-one with EVENT_STORE=eventstoredb
 * keeps its events on EventStoreDB (here the wire-protocol fake, through the real
 * client) and only read models, accounts and checkpoints in SQL (PGlite).
 */
describe('the all-in-one on EventStoreDB (EVENT_STORE=eventstoredb, wire-protocol fake)', () => {
  let fake: EventStoreDbWireProtocolFake;
  let dir: string;
  let env: Record<string, string>;
  const namespace = `e2e${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    fake = await EventStoreDbWireProtocolFake.start();
    dir = mkdtempSync(join(tmpdir(), 'berkas-esdb-'));
    env = {
      BERKAS_DATA_DIR: dir,
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_URL: fake.connectionString,
      EVENTSTORE_NAMESPACE: namespace,
      LOG_JSON: 'true',
    };
  });
  afterAll(async () => {
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers, projects, tracks and refuses a stale version from events on EventStoreDB; logs carry the correlation id', async () => {
    const h = await Harness.start(env);
    try {
      const receipt = await h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST, { 'X-Request-Id': 'esdb-trace-7' });
      expect(receipt.status).toBe(201);
      const id = receipt.body.dossierId as string;
      // The events are on the EventStoreDB side, in this deployment's namespace, with the request's correlation id.
      const ours = fake.events.filter((e) => e.stream === `${namespace}.dossier-${id}`);
      expect(ours.map((e) => e.type)).toEqual(['DossierRegistered', 'StepStarted']);
      expect(JSON.parse(Buffer.from(ours[0].customMetadata).toString('utf8'))).toMatchObject({ correlationId: 'esdb-trace-7' });
      // The projector (in process) read them back from $all into the public read model.
      const seen = await h.publicStatus(receipt.body.registrationNumber as string, receipt.body.pin as string, 'in-process');
      expect(seen.status).toBe(200);
      // Optimistic concurrency is the same 409 as on PostgreSQL.
      const claim = await h.as('verifikator', 'POST', `/api/dossiers/${id}/claim`, {});
      expect(claim.status).toBe(200);
      const stale = await h.as('verifikator', 'POST', `/api/dossiers/${id}/release`, {}, { 'If-Match': '"1"' });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('DOSSIER.CONCURRENT_CHANGE');
      // Readiness asks the event store too.
      const ready = (await (await fetch(`${h.opsUrl}/health/ready`)).json()) as {
        status: string;
        details: Record<string, { status: string }>;
      };
      expect(ready.status).toBe('ok');
      expect(ready.details.eventStore.status).toBe('up');
      // One JSON line per request, with the id the caller sent.
      const line = h
        .logs()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { correlationId?: string; req?: { path: string }; res?: { status: number } })
        .find((l) => l.correlationId === 'esdb-trace-7' && l.req);
      expect(line).toMatchObject({ req: { path: '/api/dossiers' }, res: { status: 201 } });
    } finally {
      await h.close();
    }
  });

  it('rebuilds the read models from EventStoreDB, not from the empty SQL log (npm run rebuild-projections)', async () => {
    // Asynchronously: the wire-protocol fake answers from this very process.
    const rebuild = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['dist/apps/projector/src/rebuild.js'], { env: { ...process.env, ...env } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('exit', (status) => resolve({ status, stdout, stderr }));
    });
    expect(rebuild.stderr).not.toMatch(/Error/);
    expect(rebuild.status).toBe(0);
    expect(rebuild.stdout).toContain(`Rebuilding from EventStoreDB at ${fake.connectionString}`);
    const events = Number(/from (\d+) events/.exec(rebuild.stdout)?.[1]);
    // The dossier registered above: registered, at its first step, claimed (the SQL `events` table holds none).
    expect(events).toBe(3);
    const h = await Harness.start(env);
    try {
      const queue = await h.as('verifikator', 'GET', '/api/queues/back-office');
      expect((queue.body.items as unknown[]).length).toBeGreaterThan(0);
    } finally {
      await h.close();
    }
  });

  it('says so when EventStoreDB goes away: commands get 503 problem+json, readiness 503 naming the event store', async () => {
    const h = await Harness.start({ ...env, DEMO_DOSSIERS: 'false' });
    try {
      await fake.stop();
      const r = await h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
      expect(r.status).toBe(503);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(r.headers.get('retry-after')).toBeTruthy();
      const ready = await fetch(`${h.opsUrl}/health/ready`);
      expect(ready.status).toBe(503);
      const body = (await ready.json()) as { details: Record<string, { status: string }> };
      expect(body.details.eventStore.status).toBe('down');
      expect(body.details.database.status).toBe('up');
    } finally {
      await h.close();
    }
  });
});
