import { randomUUID } from 'node:crypto';
import { dossierUpcastSteps, type Actor, type DossierCommand } from '#berkas/domain';
import { PostgresEventStore, upcasterFrom } from '#berkas/event-store';
import { createTables, type SqlDatabase } from '#berkas/sql';
import { catalogue, officers, pbgRegistrationData } from '#berkas/domain/testing';
import { describeEngines, sqlEngines } from '#berkas/sql/testing';
import { buildProjector, type Projector } from '#berkas/read-models';
import { testCommandService } from '#berkas/testing';
import { PinAttempts, PublicReads } from '#berkas/tracking/lookups';
import { TRACKING_TABLES } from '#berkas/tracking';

const engines = await sqlEngines();

describeEngines(engines)('public lookups from memory on %s', (_engine, factory) => {
  let db: SqlDatabase;
  let drop: () => Promise<void>;
  let projector: Projector;
  let run: (id: string, actor: Actor, type: DossierCommand['type'], data: object) => Promise<{ number?: string }>;

  beforeEach(async () => {
    ({ db, drop } = await factory());
    const store = await PostgresEventStore.create(db, { upcaster: upcasterFrom(dossierUpcastSteps) });
    projector = buildProjector(store, db, catalogue());
    await projector.init();
    const service = testCommandService(store, catalogue());
    run = (id, actor, type, data) =>
      service.execute(id, { type, data, metadata: { commandId: randomUUID(), actor, at: new Date().toISOString() } } as DossierCommand, {
        serviceCode: 'pbg',
      });
  });
  afterEach(async () => drop());

  /** Registers a PBG dossier and projects it; the store assigns the registration number. */
  const register = async () => {
    const id = randomUUID();
    const { number } = await run(id, officers.frontDesk, 'RegisterDossier', pbgRegistrationData(id));
    await projector.catchUp();
    return { id, number: number! };
  };

  it('answers a repeated lookup without a query, and shows a projected change at once when the projector says so', async () => {
    const reads = new PublicReads(db, { ttlMs: 60_000, maxEntries: 100 });
    projector.onCommit((name, ids) => name === 'public-tracking' && reads.invalidate(ids));
    const { id, number } = await register();
    expect((await reads.findTracking('kota-contoh', number))?.state.publicStatus).toBe('in-process');
    const next = number.replace(/\d+$/, (n) => String(Number(n) + 1).padStart(n.length, '0'));
    expect(await reads.findTracking('kota-contoh', next)).toBeUndefined();

    // The read model changes behind the cache's back (no projector): the cached answer stands for its TTL...
    await db.query(
      `UPDATE pub_tracking SET state = jsonb_set(state, '{publicStatus}', '"withdrawn"') WHERE dossier_id = $1 -- tenant: the test reads every MPP's rows`,
      [id],
    );
    expect((await reads.findTracking('kota-contoh', number))?.state.publicStatus).toBe('in-process');
    // ...but a projected event drops the entry: the next lookup sees the new state and timeline.
    await run(id, officers.frontDesk, 'WithdrawDossier', { reason: 'batal' });
    await projector.catchUp();
    const after = await reads.findTracking('kota-contoh', number);
    expect(after?.state.lifecycle).toBe('withdrawn');
    expect(after?.timeline.length).toBeGreaterThan(1);
    // A dossier registered after a miss is found at once: misses are not kept.
    expect((await register()).number).toBe(next);
    expect(await reads.findTracking('kota-contoh', next)).toBeDefined();
  });

  it('does not keep a load that overlapped a commit, and keeps nothing with a TTL of 0', async () => {
    const { id, number } = await register();
    const reads = new PublicReads(db, { ttlMs: 60_000, maxEntries: 100 });
    const loading = reads.findTracking('kota-contoh', number);
    reads.invalidate([id]); // a commit lands while the load is on its way
    await loading;
    await db.query(
      `UPDATE pub_tracking SET state = jsonb_set(state, '{publicStatus}', '"withdrawn"') WHERE dossier_id = $1 -- tenant: the test reads every MPP's rows`,
      [id],
    );
    expect((await reads.findTracking('kota-contoh', number))?.state.publicStatus).toBe('withdrawn');

    const uncached = new PublicReads(db, { ttlMs: 0, maxEntries: 100 });
    await uncached.findTracking('kota-contoh', number);
    expect(uncached.size).toBe(0);
  });

  it('expires entries after the TTL, for a tracking process with no projector of its own', async () => {
    const { id, number } = await register();
    const reads = new PublicReads(db, { ttlMs: 150, maxEntries: 100 });
    await reads.findTracking('kota-contoh', number);
    await db.query(
      `UPDATE pub_tracking SET state = jsonb_set(state, '{publicStatus}', '"withdrawn"') WHERE dossier_id = $1 -- tenant: the test reads every MPP's rows`,
      [id],
    );
    await new Promise((r) => setTimeout(r, 200));
    expect((await reads.findTracking('kota-contoh', number))?.state.publicStatus).toBe('withdrawn');
  });

  it('refuses a wrong PIN from a client another process locked out, though its own memory had not heard of the lock', async () => {
    const policy = { attempts: 3, lockoutSeconds: 600, numberFailuresPerMinute: 100, memoryMs: 60_000 };
    const here = new PinAttempts(db, policy);
    const there = new PinAttempts(db, policy);
    await createTables(db, [TRACKING_TABLES]);
    const guesser = '192.0.2.9';
    expect(await here.status('PBG-2026-100004', guesser)).toEqual({ lockedFor: 0, failures: false });
    for (let i = 0; i < 2; i++) expect(await there.fail('PBG-2026-100004', guesser)).toBe(0);
    expect(await there.fail('PBG-2026-100004', guesser)).toBe(600);
    // `here` still remembers "no failures" for a correct PIN; the first wrong PIN it counts is refused by the database...
    const refused = await here.fail('PBG-2026-100004', guesser);
    expect(refused).toBeGreaterThan(590);
    // ...is not counted towards the next lockout, and from then on `here` knows the client is locked out.
    expect((await here.status('PBG-2026-100004', guesser)).lockedFor).toBeGreaterThan(590);
    const { rows } = await db.query<{ lockouts: number }>(
      `SELECT lockouts FROM tracking_pin_failures WHERE registration_number = 'PBG-2026-100004' AND client = $1`,
      [guesser],
    );
    expect(rows[0].lockouts).toBe(1);
    // The applicant on another line is not locked out by the guesser (D39).
    expect(await there.status('PBG-2026-100004', '2001:db8:1:2::/64')).toEqual({ lockedFor: 0, failures: false });
  });

  it('refuses a number to everyone for the rest of the minute once many clients guessed it, never longer (D39)', async () => {
    const attempts = new PinAttempts(db, { attempts: 5, lockoutSeconds: 900, numberFailuresPerMinute: 4 });
    await createTables(db, [TRACKING_TABLES]);
    const locks: number[] = [];
    for (let i = 0; i < 4; i++) locks.push(await attempts.fail('PBG-2026-100005', `198.51.100.${i}`));
    expect(locks.slice(0, 3)).toEqual([0, 0, 0]);
    expect(locks[3]).toBeGreaterThan(0);
    expect(locks[3]).toBeLessThanOrEqual(60);
    // A client that never guessed waits too, but under a minute.
    const applicant = await attempts.status('PBG-2026-100005', '203.0.113.200');
    expect(applicant.lockedFor).toBeGreaterThan(0);
    expect(applicant.lockedFor).toBeLessThanOrEqual(60);
    // Other numbers are untouched.
    expect((await attempts.status('PBG-2026-100006', '203.0.113.200')).lockedFor).toBe(0);
  });
});
