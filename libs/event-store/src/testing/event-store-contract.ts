import { randomUUID } from 'node:crypto';
import {
  ClaimTakenError,
  CommandIdReusedError,
  ConcurrencyError,
  START,
  checkpointOf,
  upcasterFrom,
  type EventStore,
  type NewEvent,
  type StoredEvent,
} from '../event-store.port.js';
import { tenantLog } from '../tenant-log.js';

/**
 * The schema history the contract's upcasting test relies on: v1 of
 * `NoteRecorded` had one free-text field. Adapters under test are created with it.
 */
export const contractUpcaster = upcasterFrom({
  NoteRecorded: { 1: (d) => ({ lines: [String(d.text)], pinned: false }) },
});

export interface ContractHarness {
  store: EventStore;
  /** A store whose appends dawdle before commit, so later positions commit first. */
  slowStore?: EventStore;
  /** Writes a row of an older schema version straight into the store, for upcasting. */
  writeLegacy?: (streamId: string, type: string, schemaVersion: number, data: Record<string, unknown>) => Promise<void>;
  close: () => Promise<void>;
}

const ev = (type: string, data: Record<string, unknown> = {}): NewEvent => ({ type, data, metadata: { test: true } });
const stream = () => `dossier-${randomUUID()}`;

async function drain(store: EventStore, from = START): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  let cp = from;
  for (;;) {
    const batch = await store.readAll(cp, 500);
    if (!batch.length) return all;
    all.push(...batch);
    cp = checkpointOf(batch[batch.length - 1]);
  }
}

/**
 * The one contract every event-store adapter passes. Call it inside a
 * describe block with a factory that gives a fresh, empty store.
 */
export function eventStoreContract(open: () => Promise<ContractHarness>, options: { writers?: number } = {}): void {
  let h: ContractHarness;
  beforeEach(async () => {
    h = await open();
  });
  afterEach(async () => {
    await h.close();
  });

  it('appends and reads a stream back in order', async () => {
    const s = stream();
    await h.store.appendToStream(s, [ev('A', { n: 1 }), ev('B', { n: 2 })], { expectedVersion: 0 });
    const r = await h.store.readStream(s);
    expect(r.version).toBe(2);
    expect(r.events.map((e) => [e.type, e.streamVersion, e.data.n])).toEqual([
      ['A', 1, 1],
      ['B', 2, 2],
    ]);
    expect((await h.store.readStream(stream())).version).toBe(0);
  });

  it('refuses a write at a stale expected version and loses nothing', async () => {
    const s = stream();
    await h.store.appendToStream(s, [ev('A')], { expectedVersion: 0 });
    await h.store.appendToStream(s, [ev('B')], { expectedVersion: 1 });
    await expect(h.store.appendToStream(s, [ev('C')], { expectedVersion: 1 })).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(h.store.appendToStream(s, [ev('X')], { expectedVersion: 0 })).rejects.toBeInstanceOf(ConcurrencyError);
    expect((await h.store.readStream(s)).events.map((e) => e.type)).toEqual(['A', 'B']);
  });

  it('lets exactly one of two racing writers at the same version win', async () => {
    const s = stream();
    await h.store.appendToStream(s, [ev('A')], { expectedVersion: 0 });
    const results = await Promise.allSettled([
      h.store.appendToStream(s, [ev('left')], { expectedVersion: 1 }),
      h.store.appendToStream(s, [ev('right')], { expectedVersion: 1 }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(ConcurrencyError);
    expect((await h.store.readStream(s)).version).toBe(2);
  });

  it('appends nothing for a retried command id', async () => {
    const s = stream();
    const commandId = randomUUID();
    const first = await h.store.appendToStream(s, [ev('A')], { expectedVersion: 0, commandId });
    const again = await h.store.appendToStream(s, [ev('A')], { expectedVersion: 0, commandId });
    expect(first).toMatchObject({ version: 1, duplicate: false, streamId: s });
    expect(again).toMatchObject({ version: 1, duplicate: true, streamId: s });
    // A retry aimed at another stream still finds where the command landed.
    expect(await h.store.appendToStream(stream(), [ev('A')], { expectedVersion: 0, commandId })).toMatchObject({
      version: 1,
      duplicate: true,
      streamId: s,
    });
    // The same command twice at once: one appends, the other answers what it did, whichever runs first.
    const both = await Promise.all([
      h.store.appendToStream(s, [ev('B')], { expectedVersion: 1, commandId: 'same' }),
      h.store.appendToStream(s, [ev('B')], { expectedVersion: 1, commandId: 'same' }),
    ]);
    expect(both.map((r) => r.duplicate).sort()).toEqual([false, true]);
    expect(both.map((r) => r.version)).toEqual([2, 2]);
    expect((await h.store.readStream(s)).events.map((e) => e.type)).toEqual(['A', 'B']);
  });

  it('reads the global log from a checkpoint without repeats', async () => {
    const a = stream();
    const b = stream();
    await h.store.appendToStream(a, [ev('A1')], { expectedVersion: 0 });
    await h.store.appendToStream(b, [ev('B1'), ev('B2')], { expectedVersion: 0 });
    const first = await h.store.readAll(START, 2);
    expect(first.map((e) => e.type)).toEqual(['A1', 'B1']);
    const rest = await h.store.readAll(checkpointOf(first[1]), 10);
    expect(rest.map((e) => e.type)).toEqual(['B2']);
  });

  it("reads one MPP's part of the log in order, by its index or by filtering the whole log", async () => {
    const of =
      (tenant?: string) =>
      (type: string): NewEvent => ({ type, data: {}, metadata: tenant ? { tenant } : {} });
    const [a, b, old] = [stream(), stream(), stream()];
    await h.store.appendToStream(old, [of()('O1')], { expectedVersion: 0 });
    await h.store.appendToStream(a, [of('kota-a')('A1'), of('kota-a')('A2')], { expectedVersion: 0 });
    await h.store.appendToStream(b, [of('kota-b')('B1')], { expectedVersion: 0 });
    await h.store.appendToStream(a, [of('kota-a')('A3')], { expectedVersion: 2 });
    await h.store.appendToStream(old, [of()('O2')], { expectedVersion: 1 });
    // The same store without its own tenant read: tenantLog then filters readAll's pages.
    const plain: EventStore = {
      readStream: (id) => h.store.readStream(id),
      appendToStream: (id, events, options) => h.store.appendToStream(id, events, options),
      findCommand: (id) => h.store.findCommand(id),
      readAll: (after, limit) => h.store.readAll(after, limit),
      close: () => Promise.resolve(),
    };
    const types = async (log: EventStore, pageSize: number) => {
      const seen: string[] = [];
      for (let cp = START; ;) {
        const page = await log.readAll(cp, pageSize);
        if (!page.length) return seen;
        seen.push(...page.map((e) => e.type));
        cp = checkpointOf(page[page.length - 1]);
      }
    };
    for (const store of [h.store, plain]) {
      for (const size of [1, 500]) {
        expect(await types(tenantLog(store, 'kota-a', false), size)).toEqual(['A1', 'A2', 'A3']);
        expect(await types(tenantLog(store, 'kota-a', true), size)).toEqual(['O1', 'A1', 'A2', 'A3', 'O2']);
        expect(await types(tenantLog(store, 'kota-b', false), size)).toEqual(['B1']);
        expect(await types(tenantLog(store, 'kota-c', false), size)).toEqual([]);
      }
    }
    if (h.store.countTenantEvents) expect(await h.store.countTenantEvents('kota-a', true)).toBe(5);
    await expect(tenantLog(h.store, 'kota-a', false).appendToStream(a, [of('kota-a')('A4')], { expectedVersion: 3 })).rejects.toThrow(
      /for reading/,
    );
  });

  it('keeps numeric order past single digits, within and across appends', async () => {
    const s = stream();
    await h.store.appendToStream(
      s,
      Array.from({ length: 12 }, (_, i) => ev('N', { i })),
      { expectedVersion: 0 },
    );
    await h.store.appendToStream(
      s,
      Array.from({ length: 3 }, (_, i) => ev('N', { i: 12 + i })),
      { expectedVersion: 12 },
    );
    const all = await drain(h.store);
    expect(all.map((e) => e.data.i)).toEqual(Array.from({ length: 15 }, (_, i) => i));
    const paged = await drain(h.store, checkpointOf(all[8]));
    expect(paged.map((e) => e.data.i)).toEqual([9, 10, 11, 12, 13, 14]);
  });

  it('never lets a reader skip an event under concurrent writers', async () => {
    const writers = options.writers ?? 8;
    const perWriter = 25;
    const store = h.slowStore ?? h.store;
    const seen = new Map<string, number>();
    const order: StoredEvent[] = [];
    let done = false;
    // A projector polls the log while the writers run, checkpointing as it goes.
    const projector = (async () => {
      let cp = START;
      for (;;) {
        const finished = done;
        const batch = await h.store.readAll(cp, 100);
        for (const e of batch) {
          seen.set(e.eventId, (seen.get(e.eventId) ?? 0) + 1);
          order.push(e);
        }
        if (batch.length) cp = checkpointOf(batch[batch.length - 1]);
        else if (finished) return;
        else await new Promise((r) => setTimeout(r, 2));
      }
    })();
    const written: string[] = [];
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        const s = `dossier-w${w}-${randomUUID()}`;
        for (let i = 0; i < perWriter; i++) {
          const id = randomUUID();
          written.push(id);
          await store.appendToStream(s, [{ ...ev('Tick', { w, i }), eventId: id }], { expectedVersion: i });
        }
      }),
    );
    done = true;
    await projector;
    expect(written).toHaveLength(writers * perWriter);
    expect(seen.size).toBe(written.length);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    // Within each stream the projector saw the events in stream order.
    const last = new Map<string, number>();
    for (const e of order) {
      expect(e.streamVersion).toBe((last.get(e.streamId) ?? 0) + 1);
      last.set(e.streamId, e.streamVersion);
    }
  });

  it('upcasts events stored under an older schema version on read', async () => {
    if (!h.writeLegacy) throw new Error('this adapter must support writing a legacy event for the contract');
    const s = stream();
    await h.writeLegacy(s, 'NoteRecorded', 1, { text: 'KTP buram' });
    const [e] = (await h.store.readStream(s)).events;
    expect(e.schemaVersion).toBe(2);
    expect(e.data).toEqual({ lines: ['KTP buram'], pinned: false });
    const [fromLog] = await drain(h.store);
    expect(fromLog.data).toEqual({ lines: ['KTP buram'], pinned: false });
  });

  it('keeps what a command answered and refuses its id for a different request', async () => {
    const s = stream();
    const commandId = randomUUID();
    await h.store.appendToStream(
      s,
      { events: [ev('A')], result: { answer: 42 } },
      {
        expectedVersion: 0,
        commandId,
        fingerprint: 'request-1',
      },
    );
    expect(await h.store.findCommand(commandId)).toEqual({ streamId: s, version: 1, fingerprint: 'request-1', result: { answer: 42 } });
    const again = await h.store.appendToStream(s, [ev('A')], { expectedVersion: 1, commandId, fingerprint: 'request-1' });
    expect(again).toMatchObject({ duplicate: true, version: 1, result: { answer: 42 } });
    await expect(h.store.appendToStream(s, [ev('B')], { expectedVersion: 1, commandId, fingerprint: 'request-2' })).rejects.toBeInstanceOf(
      CommandIdReusedError,
    );
    expect(await h.store.findCommand(randomUUID())).toBeUndefined();
    expect((await h.store.readStream(s)).version).toBe(1);
  });

  it('draws a document number inside a single append: conflicts and duplicates give it back', async () => {
    const s = stream();
    await h.store.appendToStream(s, [ev('Opened')], { expectedVersion: 0 });
    const plan = (tag: string) => ({
      events: [ev('Numbered', { number: '@@n@@', tag })],
      result: { number: '@@n@@' },
      number: { sequence: 'contract-single', prefix: 'SKRD/2026/', placeholder: '@@n@@' },
    });
    // 24 writers at once: 16 race for the same version (one wins), 8 open fresh streams (all win).
    const outcomes = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        h.store
          .appendToStream(i % 3 === 0 ? stream() : s, plan(`w${i}`), { expectedVersion: i % 3 === 0 ? 0 : 1 })
          .catch((e: unknown) => e),
      ),
    );
    const won = outcomes.filter((o) => !(o instanceof Error)) as { result?: { number: string } }[];
    expect(won.map((o) => o.result?.number).sort()).toEqual(Array.from({ length: 9 }, (_, i) => `SKRD/2026/00000${i + 1}`));
    expect(outcomes.filter((o) => o instanceof ConcurrencyError)).toHaveLength(15);
    // The event stored carries the number its append answered.
    const winner = outcomes.find((o, i) => i % 3 !== 0 && !(o instanceof Error)) as { result: { number: string } };
    const [, numbered] = (await h.store.readStream(s)).events;
    expect(numbered.data.number).toBe(winner.result.number);
    const commandId = randomUUID();
    const first = await h.store.appendToStream(stream(), plan('c'), { expectedVersion: 0, commandId });
    const retry = await h.store.appendToStream(stream(), plan('c'), { expectedVersion: 0, commandId });
    expect([first.result?.number, retry.result?.number, retry.duplicate]).toEqual(['SKRD/2026/000010', 'SKRD/2026/000010', true]);
    expect((await h.store.appendToStream(stream(), plan('d'), { expectedVersion: 0 })).result?.number).toBe('SKRD/2026/000011');
  });

  it('lets one stream hold a claimed key for good: racers, conflicts and retries', async () => {
    const key = `payment/bank/${randomUUID()}`;
    const plan = (claims: string[]) => ({
      events: [ev('Paid', { reference: claims[0] })],
      result: { number: '@@n@@' },
      number: { sequence: 'contract-claims', prefix: 'K-', placeholder: '@@n@@' },
      claims,
    });
    // Six fresh streams race for one key: one wins, the others are told who holds it and append nothing.
    const streams = Array.from({ length: 6 }, stream);
    const outcomes = await Promise.all(
      streams.map((s) => h.store.appendToStream(s, plan([key]), { expectedVersion: 0 }).catch((e: unknown) => e)),
    );
    const winner = streams[outcomes.findIndex((o) => !(o instanceof Error))];
    const losers = outcomes.filter((o) => o instanceof Error);
    expect(losers).toHaveLength(5);
    for (const e of losers) expect(e).toEqual(expect.objectContaining({ name: 'ClaimTakenError', claim: key, holder: winner }));
    for (const s of streams.filter((s) => s !== winner)) expect((await h.store.readStream(s)).version).toBe(0);
    // The losers drew no number: the next append gets the one after the winner's.
    const other = await h.store.appendToStream(stream(), plan([`${key}-other`]), { expectedVersion: 0 });
    expect(other.result?.number).toBe('K-000002');
    // The holder's own stream cannot take it twice either.
    await expect(h.store.appendToStream(winner, plan([key]), { expectedVersion: 1 })).rejects.toBeInstanceOf(ClaimTakenError);
    // An append that conflicts gives its claim back; a retried command is a duplicate, not a taken key.
    const fresh = `${key}-fresh`;
    await expect(h.store.appendToStream(winner, plan([fresh]), { expectedVersion: 7 })).rejects.toBeInstanceOf(ConcurrencyError);
    const commandId = randomUUID();
    const s = stream();
    const first = await h.store.appendToStream(s, plan([fresh]), { expectedVersion: 0, commandId });
    const retry = await h.store.appendToStream(s, plan([fresh]), { expectedVersion: 0, commandId });
    expect([first.duplicate, retry.duplicate, retry.result?.number]).toEqual([false, true, first.result?.number]);
  });
}
