import { createHash, randomUUID } from 'node:crypto';
import esdb from '@eventstore/db-client';
import type { AppendExpectedRevision, EventStoreDBClient as Client, ResolvedEvent, JSONRecordedEvent } from '@eventstore/db-client';
import {
  CommandIdReusedError,
  ConcurrencyError,
  NO_UPCASTING,
  START,
  ensureSameRequest,
  type AppendOptions,
  type AppendPlan,
  type AppendResult,
  type Checkpoint,
  type CommandRecord,
  type EventStore,
  type NewEvent,
  type StoredEvent,
  type Upcaster,
} from '../event-store.port.js';
import { DatabaseUnavailableError } from '#berkas/sql';

const {
  EventStoreDBClient,
  jsonEvent,
  streamNameFilter,
  WrongExpectedVersionError,
  StreamNotFoundError,
  ErrorType,
  BACKWARDS,
  END,
  FORWARDS,
} = esdb;

/** What the adapter keeps in each event's custom metadata, beside the caller's. */
interface Bookkeeping {
  schemaVersion: number;
  commandId?: string;
  fingerprint?: string;
  result?: Record<string, unknown>;
}
const KEY = '$berkas';

export interface EventStoreDbOptions {
  upcaster?: Upcaster;
  /**
   * Streams of this deployment are named `<namespace>.<stream id>`; its command
   * and number streams `<namespace>~…`. `$all` reads and subscriptions keep only
   * `<namespace>.` streams, so several deployments (or test runs) share one server.
   */
  namespace?: string;
  /**
   * How long a command claim or a number reservation holds before another
   * writer may take it over (a holder that crashed). Longer than any append takes.
   */
  leaseMs?: number;
  now?: () => number;
}

type Json = Record<string, unknown>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const jitter = (attempt: number) => sleep(Math.min(50, 2 + Math.random() * 3 * Math.min(attempt, 10)));

/** A UUID derived from a name, so a retried command proposes the same event ids (and EventStoreDB deduplicates them). */
function nameUuid(name: string): string {
  const h = createHash('sha256').update(name).digest();
  h[6] = (h[6] & 0x0f) | 0x80; // version 8: custom
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

const revisionFor = (expectedVersion: number): AppendExpectedRevision =>
  expectedVersion === 0 ? 'no_stream' : BigInt(expectedVersion - 1);

function classify(e: unknown): unknown {
  const type = (e as { type?: string })?.type;
  if (type === ErrorType.UNAVAILABLE || type === ErrorType.DEADLINE_EXCEEDED || type === ErrorType.NOT_LEADER)
    return new DatabaseUnavailableError(e);
  return e;
}

const fill = <T>(value: T, placeholder: string, number: string): T =>
  JSON.parse(JSON.stringify(value).split(placeholder).join(number)) as T;

/**
 * The event store on EventStoreDB, through `@eventstore/db-client` (gRPC).
 *
 * From EventStoreDB itself: optimistic concurrency per stream (expected
 * revision), atomic multi-event appends to one stream, idempotent appends by
 * event id, and one total order over `$all` that readers and subscriptions see
 * only as committed (so no reader skips an event). Built here on top of it,
 * because EventStoreDB has no transaction across streams:
 *
 * - **commands** are claimed on `<ns>~command-<id>` with `no_stream` (one
 *   claimer wins, others wait for its outcome); the command's fingerprint and
 *   result also travel in its first event's metadata, so a holder that crashed
 *   after appending is recognised, and one that crashed before is taken over
 *   once its lease expires;
 * - **document numbers** are drawn from `<ns>~numbers-<sequence>`: reserve the
 *   next value, append, then mark it used or released; a reservation whose
 *   holder vanished is settled by looking for its event. Gap-free, at the price
 *   of serialising numbered appends per sequence.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly upcaster: Upcaster;
  private readonly ns: string;
  private readonly leaseMs: number;
  private readonly now: () => number;

  private constructor(
    readonly client: Client,
    options: EventStoreDbOptions,
  ) {
    this.upcaster = options.upcaster ?? NO_UPCASTING;
    this.ns = options.namespace ?? 'berkas';
    if (!/^[a-z][a-z0-9-]{0,39}$/.test(this.ns)) throw new Error(`Invalid EventStoreDB namespace: ${this.ns}`);
    this.leaseMs = options.leaseMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  static connect(connectionString: string, options: EventStoreDbOptions = {}): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString), options);
  }

  /** The stream name on the server for one of ours. */
  streamName(streamId: string): string {
    return `${this.ns}.${streamId}`;
  }

  private get prefix(): string {
    return `${this.ns}.`;
  }

  async readStream(streamId: string): Promise<{ version: number; events: StoredEvent[] }> {
    const events = (await this.readRaw(this.streamName(streamId))).map((r) => this.toStored(r)).filter((e): e is StoredEvent => !!e);
    return { version: events.length ? events[events.length - 1].streamVersion : 0, events };
  }

  async findCommand(commandId: string): Promise<CommandRecord | undefined> {
    const state = await this.commandState(commandId);
    if (state.completed) return state.completed;
    if (state.claim) return this.landed(state.claim.streamId, commandId);
    return undefined;
  }

  async appendToStream(streamId: string, input: NewEvent[] | AppendPlan, options: AppendOptions): Promise<AppendResult> {
    const plan: AppendPlan = Array.isArray(input) ? { events: input } : input;
    try {
      if (!options.commandId) return await this.appendPlan(streamId, plan, options);
      return await this.appendCommand(streamId, plan, options, options.commandId);
    } catch (e) {
      throw classify(e);
    }
  }

  async readAll(after: Checkpoint, limit: number): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    const fromStart = after.transactionId === START.transactionId && after.globalPosition === START.globalPosition;
    // A read of `$all` starts at its position inclusive: everything up to `skip` was seen already.
    let skip = fromStart ? undefined : { commit: BigInt(after.transactionId), prepare: BigInt(after.globalPosition) };
    const page = Math.max(limit, 256) + 1;
    try {
      for (;;) {
        let seen = 0;
        let last: { commit: bigint; prepare: bigint } | undefined;
        for await (const resolved of this.client.readAll({ fromPosition: skip ?? START_POSITION, maxCount: page, direction: FORWARDS })) {
          seen++;
          const e = resolved.event;
          if (!e?.position) continue;
          last = e.position;
          if (skip && (e.position.commit < skip.commit || (e.position.commit === skip.commit && e.position.prepare <= skip.prepare)))
            continue;
          // The page is read to its end even when full: a gRPC read left half-consumed never finishes.
          if (out.length >= limit) continue;
          const stored = this.toStored(e as JSONRecordedEvent);
          if (stored) out.push(stored);
        }
        if (out.length >= limit) return out.slice(0, limit);
        if (seen < page || !last) return out;
        skip = last;
      }
    } catch (e) {
      throw classify(e);
    }
  }

  /**
   * A catch-up subscription to `$all` filtered to this deployment's streams,
   * strictly after `after` (a stored checkpoint), then live.
   */
  async *subscribeToAll(after: Checkpoint = START, signal?: AbortSignal): AsyncGenerator<StoredEvent> {
    const fromStart = after.transactionId === START.transactionId && after.globalPosition === START.globalPosition;
    const sub = this.client.subscribeToAll({
      fromPosition: fromStart ? START_POSITION : { commit: BigInt(after.transactionId), prepare: BigInt(after.globalPosition) },
      filter: streamNameFilter({ prefixes: [this.prefix] }),
    });
    const stop = () => void sub.unsubscribe();
    signal?.addEventListener('abort', stop);
    try {
      for await (const resolved of sub as AsyncIterable<ResolvedEvent>) {
        const e = resolved.event;
        if (!e || !e.streamId.startsWith(this.prefix)) continue;
        const stored = this.toStored(e as JSONRecordedEvent);
        if (stored) yield stored;
      }
    } finally {
      signal?.removeEventListener('abort', stop);
      await sub.unsubscribe().catch(() => undefined);
    }
  }

  /** Calls `listener` whenever an event of this deployment is committed (a live subscription from the end of `$all`). */
  /**
   * Pushes a wake-up on every new event of this namespace. A subscription the
   * server drops (a leader change, an overloaded node, a network cut) is
   * opened again after a pause (250 ms doubling to 5 s), and the listener is
   * poked then, since events may have come meanwhile: the readers read from
   * their own checkpoints, so nothing is lost, only a wake-up.
   */
  watch(listener: () => void, onDrop?: (error: unknown) => void): { close(): Promise<void> } {
    let closed = false;
    let pause = 250;
    let timer: NodeJS.Timeout | undefined;
    let sub: ReturnType<Client['subscribeToAll']> | undefined;
    const open = () => {
      if (closed) return;
      const current = this.client.subscribeToAll({ fromPosition: END, filter: streamNameFilter({ prefixes: [this.prefix] }) });
      sub = current;
      let dropped = false;
      current.on('confirmation', () => {
        pause = 250;
        listener();
      });
      current.on('data', () => listener());
      const again = (error: unknown) => {
        if (closed || dropped || sub !== current) return;
        dropped = true;
        onDrop?.(error);
        timer = setTimeout(open, pause);
        timer.unref?.();
        pause = Math.min(5000, pause * 2);
      };
      current.on('error', again);
      current.on('end', () => again(new Error('subscription ended')));
      current.on('close', () => again(new Error('subscription closed')));
    };
    open();
    return {
      close: async () => {
        closed = true;
        if (timer) clearTimeout(timer);
        await sub?.unsubscribe().catch(() => undefined);
      },
    };
  }

  async close(): Promise<void> {
    // Cancels open reads and subscriptions; bounded, as a server that went away may never confirm.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.client.dispose(), new Promise((r) => (timer = setTimeout(r, 2000)))]);
    clearTimeout(timer);
  }

  // --- appends -------------------------------------------------------------

  private async appendPlan(streamId: string, plan: AppendPlan, options: AppendOptions, commandId?: string): Promise<AppendResult> {
    const ids = plan.events.map((e, i) => e.eventId ?? (commandId ? nameUuid(`${this.ns}:${commandId}:${i}`) : randomUUID()));
    let events = plan.events;
    let result = plan.result;
    let reservation: Reservation | undefined;
    if (plan.number) {
      reservation = await this.reserve(plan.number.sequence, streamId, ids[0]);
      const n = plan.number.prefix + String(reservation.value).padStart(6, '0');
      events = fill(events, plan.number.placeholder, n);
      if (result) result = fill(result, plan.number.placeholder, n);
    }
    const proposed = events.map((e, i) => {
      const bookkeeping: Bookkeeping = { schemaVersion: this.upcaster.currentVersion(e.type) };
      if (commandId) bookkeeping.commandId = commandId;
      if (commandId && i === 0) Object.assign(bookkeeping, { fingerprint: options.fingerprint, result });
      return jsonEvent({ id: ids[i], type: e.type, data: e.data as never, metadata: { ...e.metadata, [KEY]: bookkeeping } });
    });
    let nextRevision: bigint;
    try {
      ({ nextExpectedRevision: nextRevision } = await this.client.appendToStream(this.streamName(streamId), proposed, {
        expectedRevision: revisionFor(options.expectedVersion),
      }));
    } catch (e) {
      if (e instanceof WrongExpectedVersionError) {
        if (reservation) await this.settle(plan.number!.sequence, reservation, 'NumberReleased');
        const actual = typeof e.actualVersion === 'bigint' ? Number(e.actualVersion) + 1 : 0;
        throw new ConcurrencyError(streamId, options.expectedVersion, actual || undefined);
      }
      // Unknown outcome (the server went away): the reservation stays until its lease runs out and is settled by what landed.
      throw e;
    }
    if (reservation) await this.settle(plan.number!.sequence, reservation, 'NumberUsed');
    return { version: Number(nextRevision) + 1, duplicate: false, streamId, result };
  }

  private async appendCommand(streamId: string, plan: AppendPlan, options: AppendOptions, commandId: string): Promise<AppendResult> {
    const holder = randomUUID();
    for (let attempt = 0; ; attempt++) {
      const state = await this.commandState(commandId);
      if (state.completed) return this.duplicateOf(state.completed, options.fingerprint);
      let expected: AppendExpectedRevision = 'no_stream';
      if (state.claim) {
        const landed = await this.landed(state.claim.streamId, commandId);
        if (landed) {
          await this.writeCommand(commandId, 'CommandCompleted', landed, state.revision!).catch(() => undefined);
          return this.duplicateOf(landed, options.fingerprint);
        }
        if (!state.abandoned && state.claim.leaseUntil > this.now()) {
          if (state.claim.fingerprint !== undefined && options.fingerprint !== undefined && state.claim.fingerprint !== options.fingerprint)
            throw new CommandIdReusedError('(hidden)');
          await jitter(attempt);
          continue;
        }
      }
      if (state.revision !== undefined) expected = state.revision;
      const claimed = await this.writeCommand(
        commandId,
        'CommandClaimed',
        { streamId, fingerprint: options.fingerprint, holder, leaseUntil: this.now() + this.leaseMs },
        expected,
      ).then(
        (r) => r,
        (e: unknown) => {
          if (e instanceof WrongExpectedVersionError) return undefined;
          throw e;
        },
      );
      if (claimed === undefined) {
        await jitter(attempt);
        continue;
      }
      let appended: AppendResult;
      try {
        appended = await this.appendPlan(streamId, plan, options, commandId);
      } catch (e) {
        if (e instanceof ConcurrencyError)
          await this.writeCommand(commandId, 'CommandAbandoned', { holder }, claimed).catch(() => undefined);
        throw e;
      }
      const record: CommandRecord = { streamId, version: appended.version, fingerprint: options.fingerprint, result: appended.result };
      await this.writeCommand(commandId, 'CommandCompleted', record, claimed).catch(() => undefined);
      return appended;
    }
  }

  private duplicateOf(record: CommandRecord, fingerprint: string | undefined): AppendResult {
    ensureSameRequest(record, fingerprint);
    return { version: record.version, duplicate: true, streamId: record.streamId, result: record.result };
  }

  private async writeCommand(
    commandId: string,
    type: string,
    data: Json | CommandRecord,
    expected: AppendExpectedRevision,
  ): Promise<bigint> {
    const r = await this.client.appendToStream(
      `${this.ns}~command-${commandId}`,
      jsonEvent({ type, data: stripUndefined(data) as never }),
      {
        expectedRevision: expected,
      },
    );
    return r.nextExpectedRevision;
  }

  private async commandState(commandId: string): Promise<CommandState> {
    const records = await this.readRaw(`${this.ns}~command-${commandId}`);
    const state: CommandState = {};
    for (const r of records) {
      const d = r.data as Json;
      state.revision = r.revision;
      if (r.type === 'CommandClaimed') {
        state.claim = d as unknown as Claim;
        state.abandoned = false;
      } else if (r.type === 'CommandAbandoned') state.abandoned = true;
      else if (r.type === 'CommandCompleted') state.completed = d as unknown as CommandRecord;
    }
    return state;
  }

  /** The command as it landed on its stream (its events carry the command id), if it did. */
  private async landed(streamId: string, commandId: string): Promise<CommandRecord | undefined> {
    const mine = (await this.readRaw(this.streamName(streamId))).filter((r) => bookkeepingOf(r)?.commandId === commandId);
    if (!mine.length) return undefined;
    const first = bookkeepingOf(mine[0])!;
    const record: CommandRecord = { streamId, version: Number(mine[mine.length - 1].revision) + 1 };
    if (first.fingerprint !== undefined) record.fingerprint = first.fingerprint;
    if (first.result !== undefined) record.result = first.result;
    return record;
  }

  // --- document numbers ----------------------------------------------------

  private async reserve(sequence: string, streamId: string, eventId: string): Promise<Reservation> {
    const name = `${this.ns}~numbers-${sequence}`;
    for (let attempt = 0; ; attempt++) {
      const last = await this.lastOf(name);
      let next = 1;
      if (last) {
        const d = last.data as { value: number; streamId: string; eventId: string; leaseUntil: number };
        if (last.type === 'NumberUsed') next = d.value + 1;
        else if (last.type === 'NumberReleased') next = d.value;
        else {
          // Reserved: its holder is appending, or vanished. Settle a stale one by what landed.
          if (d.leaseUntil > this.now()) {
            await jitter(attempt);
            continue;
          }
          const used = (await this.readRaw(this.streamName(d.streamId))).some((r) => r.id === d.eventId);
          await this.client
            .appendToStream(name, jsonEvent({ type: used ? 'NumberUsed' : 'NumberReleased', data: { value: d.value } }), {
              expectedRevision: last.revision,
            })
            .catch((e: unknown) => {
              if (!(e instanceof WrongExpectedVersionError)) throw e;
            });
          continue;
        }
      }
      try {
        const r = await this.client.appendToStream(
          name,
          jsonEvent({ type: 'NumberReserved', data: { value: next, streamId, eventId, leaseUntil: this.now() + this.leaseMs } }),
          { expectedRevision: last ? last.revision : 'no_stream' },
        );
        return { value: next, revision: r.nextExpectedRevision };
      } catch (e) {
        if (!(e instanceof WrongExpectedVersionError)) throw e;
        await jitter(attempt);
      }
    }
  }

  private async settle(sequence: string, reservation: Reservation, type: 'NumberUsed' | 'NumberReleased'): Promise<void> {
    // A conflict means our lease ran out and someone settled it already, by what landed.
    await this.client
      .appendToStream(`${this.ns}~numbers-${sequence}`, jsonEvent({ type, data: { value: reservation.value } }), {
        expectedRevision: reservation.revision,
      })
      .catch((e: unknown) => {
        if (!(e instanceof WrongExpectedVersionError)) throw e;
      });
  }

  // --- reading ---------------------------------------------------------------

  private async readRaw(name: string): Promise<JSONRecordedEvent[]> {
    const out: JSONRecordedEvent[] = [];
    try {
      for await (const r of this.client.readStream(name, { direction: FORWARDS })) if (r.event) out.push(r.event as JSONRecordedEvent);
    } catch (e) {
      if (e instanceof StreamNotFoundError) return [];
      throw classify(e);
    }
    return out;
  }

  private async lastOf(name: string): Promise<JSONRecordedEvent | undefined> {
    try {
      let last: JSONRecordedEvent | undefined;
      for await (const r of this.client.readStream(name, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }))
        last = r.event as JSONRecordedEvent;
      return last;
    } catch (e) {
      if (e instanceof StreamNotFoundError) return undefined;
      throw classify(e);
    }
  }

  private toStored(r: JSONRecordedEvent): StoredEvent | undefined {
    if (!r.streamId.startsWith(this.prefix) || !r.position) return undefined;
    const { [KEY]: kept, ...metadata } = (r.metadata ?? {}) as Json & { [KEY]?: Bookkeeping };
    const from = kept?.schemaVersion ?? 1;
    const current = this.upcaster.currentVersion(r.type);
    const raw = r.data as Json;
    return {
      eventId: r.id,
      streamId: r.streamId.slice(this.prefix.length),
      streamVersion: Number(r.revision) + 1,
      transactionId: r.position.commit.toString(),
      globalPosition: r.position.prepare.toString(),
      type: r.type,
      schemaVersion: current,
      data: from < current ? this.upcaster.upcast(r.type, from, raw) : raw,
      metadata,
      recordedAt: r.created.toISOString(),
    };
  }
}

const START_POSITION = esdb.START;

interface Claim {
  streamId: string;
  fingerprint?: string;
  holder: string;
  leaseUntil: number;
}

interface CommandState {
  revision?: bigint;
  claim?: Claim;
  abandoned?: boolean;
  completed?: CommandRecord;
}

interface Reservation {
  value: number;
  revision: bigint;
}

const bookkeepingOf = (r: JSONRecordedEvent): Bookkeeping | undefined => (r.metadata as Json | undefined)?.[KEY] as Bookkeeping | undefined;

const stripUndefined = (o: object): Json => JSON.parse(JSON.stringify(o)) as Json;
