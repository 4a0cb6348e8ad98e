import { randomBytes, randomUUID } from 'node:crypto';
import esdb from '@eventstore/db-client';
import { ConcurrencyError, START, checkpointOf, type StoredEvent } from '../event-store.port.js';
import { DatabaseUnavailableError } from '#berkas/sql';
import { contractUpcaster, eventStoreContract } from '../testing/event-store-contract.js';
import { EventStoreDbWireProtocolFake } from '../testing/eventstoredb-wire-fake.js';
import { EventStoreDbEventStore, type EventStoreDbOptions } from './eventstoredb-event-store.js';

/**
 * The EventStoreDB adapter runs its real client (`@eventstore/db-client`, gRPC
 * over HTTP/2) against the wire-protocol fake, always; and against a real
 * server too when EVENTSTORE_URL is set (e.g. esdb://127.0.0.1:2113?tls=false).
 * Each harness works in a namespace of its own, so runs share one server.
 */
const servers: [string, () => Promise<{ url: string; fake?: EventStoreDbWireProtocolFake; stop: () => Promise<void> }>][] = [
  [
    'the wire-protocol fake',
    async () => {
      const fake = await EventStoreDbWireProtocolFake.start();
      return { url: fake.connectionString, fake, stop: () => fake.stop() };
    },
  ],
];
if (process.env.EVENTSTORE_URL)
  servers.push(['EventStoreDB at EVENTSTORE_URL', async () => ({ url: process.env.EVENTSTORE_URL!, stop: async () => undefined })]);
else console.warn('\n*** EventStoreDB adapter: no EVENTSTORE_URL, so its contract ran against the wire-protocol fake only ***\n');

const namespace = () => `t${randomBytes(5).toString('hex')}`;
const ev = (type: string, data: Record<string, unknown> = {}) => ({ type, data, metadata: { test: true } });

describe.each(servers)('EventStoreDB adapter on %s', (_name, serve) => {
  describe('event store contract', () => {
    eventStoreContract(async () => {
      const server = await serve();
      const ns = namespace();
      const store = EventStoreDbEventStore.connect(server.url, { upcaster: contractUpcaster, namespace: ns });
      return {
        store,
        writeLegacy: async (streamId, type, schemaVersion, data) => {
          await store.client.appendToStream(
            store.streamName(streamId),
            esdb.jsonEvent({ type, data: data as never, metadata: { $berkas: { schemaVersion } } }),
            { expectedRevision: 'no_stream' },
          );
        },
        close: async () => {
          await store.close();
          await server.stop();
        },
      };
    });
  });

  describe('beyond the contract', () => {
    let server: Awaited<ReturnType<typeof serve>>;
    const stores: EventStoreDbEventStore[] = [];
    const open = (options: EventStoreDbOptions = {}) => {
      const s = EventStoreDbEventStore.connect(server.url, { namespace: options.namespace ?? namespace(), ...options });
      stores.push(s);
      return s;
    };
    beforeEach(async () => {
      server = await serve();
    });
    afterEach(async () => {
      await Promise.all(stores.splice(0).map((s) => s.close()));
      await server.stop();
    });

    it('maps a lost race to ConcurrencyError with the version the stream is at', async () => {
      const store = open();
      await store.appendToStream('d-1', [ev('A'), ev('B')], { expectedVersion: 0 });
      const e = await store.appendToStream('d-1', [ev('C')], { expectedVersion: 1 }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ConcurrencyError);
      expect(e).toMatchObject({ streamId: 'd-1', expectedVersion: 1, actualVersion: 2 });
    });

    it('keeps deployments apart: another namespace sees none of our streams in $all', async () => {
      const ours = open();
      const theirs = open();
      await ours.appendToStream('d-1', [ev('Ours')], { expectedVersion: 0 });
      await theirs.appendToStream('d-1', [ev('Theirs')], { expectedVersion: 0 });
      expect((await ours.readAll(START, 100)).map((e) => e.type)).toEqual(['Ours']);
      expect((await theirs.readStream('d-1')).events.map((e) => e.type)).toEqual(['Theirs']);
    });

    it('keeps paging through other streams until it finds ours (a full page of foreign events is not the end)', async () => {
      const ours = open();
      const noisy = open();
      await ours.appendToStream('d-1', [ev('First')], { expectedVersion: 0 });
      await noisy.appendToStream(
        'n',
        Array.from({ length: 600 }, () => ev('Noise')),
        { expectedVersion: 0 },
      );
      await ours.appendToStream('d-2', [ev('Second')], { expectedVersion: 0 });
      const [first] = await ours.readAll(START, 1);
      expect((await ours.readAll(checkpointOf(first), 10)).map((e) => e.type)).toEqual(['Second']);
    });

    it('subscribes to $all from a stored checkpoint: catch-up first, then live, filtered to our streams', async () => {
      const store = open();
      const other = open();
      await store.appendToStream('d-1', [ev('Before1'), ev('Before2')], { expectedVersion: 0 });
      const [b1] = await store.readAll(START, 1);
      const ac = new AbortController();
      const seen: StoredEvent[] = [];
      const done = (async () => {
        for await (const e of store.subscribeToAll(checkpointOf(b1), ac.signal)) {
          seen.push(e);
          if (seen.length === 3) ac.abort();
        }
      })();
      await other.appendToStream('d-1', [ev('NotOurs')], { expectedVersion: 0 });
      await store.appendToStream('d-2', [ev('Live1')], { expectedVersion: 0 });
      await store.appendToStream('d-1', [ev('Live2')], { expectedVersion: 2 });
      await done;
      expect(seen.map((e) => [e.type, e.streamId, e.streamVersion])).toEqual([
        ['Before2', 'd-1', 2],
        ['Live1', 'd-2', 1],
        ['Live2', 'd-1', 3],
      ]);
    });

    it('wakes a watcher when one of our events is committed', async () => {
      const store = open();
      let woken = 0;
      const w = store.watch(() => woken++);
      await new Promise((r) => setTimeout(r, 100));
      await store.appendToStream('d-1', [ev('A')], { expectedVersion: 0 });
      for (let i = 0; i < 100 && !woken; i++) await new Promise((r) => setTimeout(r, 10));
      await w.close();
      expect(woken).toBeGreaterThan(0);
    });

    it('subscribes again when the server drops the subscription, and wakes the watcher for what follows', async () => {
      if (!server.fake) return expect(process.env.EVENTSTORE_URL).toBeDefined(); // a real server cannot be told to drop one
      const store = open();
      let woken = 0;
      const drops: unknown[] = [];
      const w = store.watch(
        () => woken++,
        (e) => drops.push(e),
      );
      for (let i = 0; i < 100 && server.fake.subscriptions === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(server.fake.subscriptions).toBe(1);
      server.fake.dropSubscriptions();
      for (let i = 0; i < 200 && (server.fake.subscriptions === 0 || !drops.length); i++) await new Promise((r) => setTimeout(r, 10));
      expect(drops.length).toBe(1);
      expect(server.fake.subscriptions).toBe(1);
      woken = 0;
      await store.appendToStream('d-9', [ev('AfterDrop')], { expectedVersion: 0 });
      for (let i = 0; i < 100 && !woken; i++) await new Promise((r) => setTimeout(r, 10));
      await w.close();
      expect(woken).toBeGreaterThan(0);
    });

    it('reads metadata back without its bookkeeping, and a recorded-at time', async () => {
      const store = open();
      await store.appendToStream('d-1', [{ type: 'A', data: { x: 1 }, metadata: { correlationId: 'c-1' } }], {
        expectedVersion: 0,
        commandId: randomUUID(),
      });
      const [e] = (await store.readStream('d-1')).events;
      expect(e.metadata).toEqual({ correlationId: 'c-1' });
      expect(Math.abs(Date.parse(e.recordedAt) - Date.now())).toBeLessThan(60_000);
    });
  });
});

describe('EventStoreDB adapter: crashed writers (on the wire-protocol fake)', () => {
  let fake: EventStoreDbWireProtocolFake;
  const stores: EventStoreDbEventStore[] = [];
  let clock = Date.now();
  const open = (ns: string) => {
    const s = EventStoreDbEventStore.connect(fake.connectionString, { namespace: ns, leaseMs: 1000, now: () => clock });
    stores.push(s);
    return s;
  };
  beforeEach(async () => {
    fake = await EventStoreDbWireProtocolFake.start();
    clock = Date.now();
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    await fake.stop();
  });

  it('uses Streams.Append, the call the fake announces, never BatchAppend', async () => {
    const store = open(namespace());
    await store.appendToStream('d-1', [ev('A')], { expectedVersion: 0 });
    expect(fake.calls.get('getSupportedMethods')).toBe(1);
    expect(fake.calls.get('append')).toBeGreaterThan(0);
    expect(fake.calls.has('batchAppend')).toBe(false);
  });

  it('a retry after a claim whose holder died before appending takes over once the lease ran out', async () => {
    const ns = namespace();
    const store = open(ns);
    const commandId = randomUUID();
    // The holder claimed and vanished: nothing landed on the dossier.
    await store.client.appendToStream(
      `${ns}~command-${commandId}`,
      esdb.jsonEvent({ type: 'CommandClaimed', data: { streamId: 'd-1', holder: 'gone', leaseUntil: clock + 1000 } }),
      { expectedRevision: 'no_stream' },
    );
    const waiting = store.appendToStream('d-1', [ev('A')], { expectedVersion: 0, commandId });
    await new Promise((r) => setTimeout(r, 100));
    expect((await store.readStream('d-1')).version).toBe(0);
    clock += 1500;
    await expect(waiting).resolves.toMatchObject({ duplicate: false, version: 1 });
    expect(await store.findCommand(commandId)).toMatchObject({ streamId: 'd-1', version: 1 });
  });

  it('a retry after a holder that died between appending and completing answers the original, appends nothing', async () => {
    const ns = namespace();
    const store = open(ns);
    const commandId = randomUUID();
    await store.appendToStream('d-1', { events: [ev('A')], result: { answer: 1 } }, { expectedVersion: 0, commandId, fingerprint: 'f' });
    // Simulate the crash: a fresh claim over the completed one, as if completion had never been written.
    const lost = randomUUID();
    await store.appendToStream(
      'd-2',
      { events: [ev('B')], result: { answer: 2 } },
      { expectedVersion: 0, commandId: lost, fingerprint: 'g' },
    );
    const raw = await store.client.readStream(`${ns}~command-${lost}`, { maxCount: 10 });
    const events: string[] = [];
    for await (const r of raw) events.push(r.event!.type);
    expect(events).toEqual(['CommandClaimed', 'CommandCompleted']);
    const other = open(`${ns}x`); // a namespace where the same claim exists but the completion was lost
    const commandId2 = randomUUID();
    await other.client.appendToStream(
      `${ns}x~command-${commandId2}`,
      esdb.jsonEvent({ type: 'CommandClaimed', data: { streamId: 'd-9', fingerprint: 'h', holder: 'gone', leaseUntil: clock + 1000 } }),
      { expectedRevision: 'no_stream' },
    );
    await other.client.appendToStream(
      other.streamName('d-9'),
      esdb.jsonEvent({
        type: 'A',
        data: {},
        metadata: { $berkas: { schemaVersion: 1, commandId: commandId2, fingerprint: 'h', result: { answer: 9 } } },
      }),
      { expectedRevision: 'no_stream' },
    );
    expect(await other.findCommand(commandId2)).toEqual({ streamId: 'd-9', version: 1, fingerprint: 'h', result: { answer: 9 } });
    await expect(
      other.appendToStream('d-9', [ev('A')], { expectedVersion: 0, commandId: commandId2, fingerprint: 'h' }),
    ).resolves.toMatchObject({
      duplicate: true,
      version: 1,
      result: { answer: 9 },
    });
    expect((await other.readStream('d-9')).version).toBe(1);
  });

  it('a number reserved by a writer that died is given back, or kept if its event landed: no gap, no repeat', async () => {
    const ns = namespace();
    const store = open(ns);
    const plan = () => ({
      events: [ev('Numbered', { n: '@@' })],
      result: { n: '@@' },
      number: { sequence: 'skrd', prefix: 'S-', placeholder: '@@' },
    });
    expect((await store.appendToStream('a', plan(), { expectedVersion: 0 })).result).toEqual({ n: 'S-000001' });
    // A writer reserved 2 and died before appending.
    await store.client.appendToStream(
      `${ns}~numbers-skrd`,
      esdb.jsonEvent({ type: 'NumberReserved', data: { value: 2, streamId: 'ghost', eventId: randomUUID(), leaseUntil: clock + 1000 } }),
      { expectedRevision: 1n },
    );
    const next = store.appendToStream('b', plan(), { expectedVersion: 0 });
    await new Promise((r) => setTimeout(r, 100));
    clock += 1500;
    expect((await next).result).toEqual({ n: 'S-000002' });
    // A writer reserved 3, appended, and died before marking it used.
    const landedId = randomUUID();
    const tail = await store.client.appendToStream(
      `${ns}~numbers-skrd`,
      esdb.jsonEvent({ type: 'NumberReserved', data: { value: 3, streamId: 'c', eventId: landedId, leaseUntil: clock + 1000 } }),
      { expectedRevision: 'any' },
    );
    expect(tail.success).toBe(true);
    await store.client.appendToStream(store.streamName('c'), esdb.jsonEvent({ id: landedId, type: 'Numbered', data: { n: 'S-000003' } }), {
      expectedRevision: 'no_stream',
    });
    clock += 1500;
    expect((await store.appendToStream('d', plan(), { expectedVersion: 0 })).result).toEqual({ n: 'S-000004' });
  });

  it('proposes the same event ids for a retried command, so the server deduplicates a repeated append', async () => {
    const ns = namespace();
    const store = open(ns);
    const commandId = randomUUID();
    await store.appendToStream('d-1', [ev('A'), ev('B')], { expectedVersion: 0, commandId });
    const ids = (await store.readStream('d-1')).events.map((e) => e.eventId);
    // The same proposal sent again by the client (a lost answer): EventStoreDB's idempotent write keeps one copy.
    const again = (await store.readStream('d-1')).events.map((e, i) => esdb.jsonEvent({ id: ids[i], type: e.type, data: e.data as never }));
    await store.client.appendToStream(store.streamName('d-1'), again, { expectedRevision: 'no_stream' });
    expect((await store.readStream('d-1')).events.map((e) => e.eventId)).toEqual(ids);
  });

  it('answers "unavailable" (503 upstream) when the server is gone', async () => {
    const store = open(namespace());
    await store.appendToStream('d-1', [ev('A')], { expectedVersion: 0 });
    await fake.stop();
    const e = await store.readStream('d-1').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DatabaseUnavailableError);
  });
});
