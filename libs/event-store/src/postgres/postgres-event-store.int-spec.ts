import { randomUUID } from 'node:crypto';
import { contractUpcaster, eventStoreContract } from '../testing/event-store-contract.js';
import { describeEngines, sqlEngines } from '#berkas/sql/testing';
import type { SqlDatabase } from '#berkas/sql';
import { ClaimTakenError, ConcurrencyError } from '../event-store.port.js';
import { PostgresEventStore } from './postgres-event-store.js';

const engines = await sqlEngines();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeEngines(engines)('event store contract on %s', (_name, factory) => {
  eventStoreContract(async () => {
    const { db, drop } = await factory();
    const upcaster = contractUpcaster;
    const store = await PostgresEventStore.create(db, { upcaster });
    // Random pauses before commit make later positions commit before earlier ones.
    const slowStore = await PostgresEventStore.create(db, {
      upcaster,
      beforeCommit: async () => {
        await sleep(Math.random() * 4);
      },
    });
    return {
      store,
      slowStore,
      writeLegacy: async (streamId, type, schemaVersion, data) => {
        await db.query('INSERT INTO streams (stream_id, version) VALUES ($1, 1)', [streamId]);
        await db.query(
          `INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, data, metadata)
           VALUES ($1, $2, 1, $3, $4, $5, '{}')`,
          [randomUUID(), streamId, type, schemaVersion, JSON.stringify(data)],
        );
      },
      close: drop,
    };
  });
});

describeEngines(engines)('group commit on %s', (_name, factory) => {
  it('sends concurrent appends as one statement and answers each as if it had been sent alone', async () => {
    const { db, drop } = await factory();
    try {
      // Counts the statements that carry a group, and holds the first append so the others gather behind it.
      let groups = 0;
      let hold: Promise<void> | undefined = new Promise((r) => setTimeout(r, 50));
      const counting = new Proxy(db, {
        get(target, key, receiver) {
          if (key !== 'query') return Reflect.get(target, key, receiver) as unknown;
          return async (sql: string, params?: unknown[]) => {
            if (sql.includes('berkas_append_group')) groups++;
            if (sql.includes('berkas_append(') && hold) await hold.finally(() => (hold = undefined));
            return target.query(sql, params);
          };
        },
      }) as SqlDatabase;
      const store = await PostgresEventStore.create(counting);
      const numbered = (claims?: string[]) => ({
        events: [{ type: 'ContractEventHappened', data: { number: '@@n@@' }, metadata: {} }],
        result: { number: '@@n@@' },
        number: { sequence: 'group-test', prefix: 'G-', placeholder: '@@n@@' },
        ...(claims ? { claims } : {}),
      });
      const stream = () => `dossier-${randomUUID()}`;
      const first = stream();
      const twice = stream();
      const command = randomUUID();
      const outcomes = await Promise.all(
        [
          () => store.appendToStream(first, numbered(['bank/ref-1']), { expectedVersion: 0 }),
          () => store.appendToStream(stream(), numbered(), { expectedVersion: 0 }),
          () => store.appendToStream(twice, numbered(), { expectedVersion: 0, commandId: command, fingerprint: 'f' }),
          () => store.appendToStream(twice, numbered(), { expectedVersion: 0, commandId: command, fingerprint: 'f' }),
          () => store.appendToStream(twice, numbered(), { expectedVersion: 0 }),
          () => store.appendToStream(stream(), numbered(['bank/ref-1']), { expectedVersion: 0 }),
          () => store.appendToStream(stream(), numbered(), { expectedVersion: 0 }),
        ].map((append) => append().catch((e: unknown) => e)),
      );
      expect(groups).toBeGreaterThan(0);
      const [a, b, c, d, e, f, g] = outcomes as { duplicate?: boolean; result?: { number?: string } }[];
      expect(d).toEqual(expect.objectContaining({ duplicate: true, result: c.result }));
      expect(e).toBeInstanceOf(ConcurrencyError);
      expect(f).toEqual(expect.objectContaining({ name: 'ClaimTakenError', holder: first }));
      expect(f).toBeInstanceOf(ClaimTakenError);
      // Numbers without a gap: the conflict, the duplicate and the taken claim gave theirs back.
      expect([a, b, c, g].map((o) => o.result?.number).sort()).toEqual(['G-000001', 'G-000002', 'G-000003', 'G-000004']);
      expect((await store.readStream(twice)).version).toBe(1);
    } finally {
      await drop();
    }
  });
});

const postgres = engines.find(([name]) => name === 'PostgreSQL');

(postgres ? describe : describe.skip)('the event store on PostgreSQL, watched from another process', () => {
  it('wakes a watcher on its own connection when events are committed, and not for a refused append', async () => {
    const { db, drop } = await postgres![1]();
    const writer = await PostgresEventStore.create(db);
    const watcher = await PostgresEventStore.create(db);
    let wakes = 0;
    const watching = watcher.watch!(() => wakes++) as { ready: Promise<void>; close(): Promise<void> };
    try {
      await watching.ready;
      const stream = `dossier-${randomUUID()}`;
      await writer.appendToStream(stream, [{ type: 'ContractEventHappened', data: { n: 1 }, metadata: {} }], { expectedVersion: 0 });
      for (let i = 0; i < 200 && wakes === 0; i++) await sleep(10);
      expect(wakes).toBeGreaterThan(0);
      const before = wakes;
      await expect(
        writer.appendToStream(stream, [{ type: 'ContractEventHappened', data: { n: 2 }, metadata: {} }], { expectedVersion: 0 }),
      ).rejects.toThrow();
      await sleep(200);
      expect(wakes).toBe(before);
    } finally {
      await watching.close();
      await drop();
    }
  });
});
