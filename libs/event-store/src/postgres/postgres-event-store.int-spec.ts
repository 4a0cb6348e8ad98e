import { randomUUID } from 'node:crypto';
import { contractUpcaster, eventStoreContract } from '../testing/event-store-contract.js';
import { describeEngines, sqlEngines } from '#berkas/sql/testing';
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
