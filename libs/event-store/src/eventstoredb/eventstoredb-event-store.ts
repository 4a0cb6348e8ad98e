import { randomUUID } from 'node:crypto';
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
import {
  bookkeepingOf,
  classify,
  END,
  EventStoreDBClient,
  fill,
  FORWARDS,
  jitter,
  jsonEvent,
  KEY,
  nameUuid,
  readRaw,
  toStored,
  revisionFor,
  START_POSITION,
  streamNameFilter,
  stripUndefined,
  WrongExpectedVersionError,
  type Bookkeeping,
  type Json,
} from './esdb-support.js';
import { ClaimRegister } from './esdb-claims.js';
import { NumberRegister, type Reservation } from './esdb-numbers.js';

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
 *   of serialising numbered appends per sequence;
 * - **unique claims** (AppendPlan.claims) are reserved the same way on
 *   `<ns>~claim-<hash>`, before the number, and held for good once the append lands.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly upcaster: Upcaster;
  private readonly ns: string;
  private readonly leaseMs: number;
  private readonly now: () => number;
  private readonly numbers: NumberRegister;
  private readonly claims: ClaimRegister;

  private constructor(
    readonly client: Client,
    options: EventStoreDbOptions,
  ) {
    this.upcaster = options.upcaster ?? NO_UPCASTING;
    this.ns = options.namespace ?? 'berkas';
    if (!/^[a-z][a-z0-9-]{0,39}$/.test(this.ns)) throw new Error(`Invalid EventStoreDB namespace: ${this.ns}`);
    this.leaseMs = options.leaseMs ?? 30_000;
    this.now = options.now ?? Date.now;
    const registers = { client, ns: this.ns, leaseMs: this.leaseMs, now: this.now, streamName: (id: string) => this.streamName(id) };
    this.numbers = new NumberRegister(registers);
    this.claims = new ClaimRegister(registers);
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
    const events = (await readRaw(this.client, this.streamName(streamId)))
      .map((r) => toStored(r, this.prefix, this.upcaster))
      .filter((e): e is StoredEvent => !!e);
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
          const stored = toStored(e as JSONRecordedEvent, this.prefix, this.upcaster);
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
        const stored = toStored(e as JSONRecordedEvent, this.prefix, this.upcaster);
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
    const claimed = plan.claims?.length ? await this.claims.reserve(plan.claims, streamId, ids[0]) : [];
    if (plan.number) {
      reservation = await this.numbers.reserve(plan.number.sequence, streamId, ids[0]);
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
        if (reservation) await this.numbers.settle(plan.number!.sequence, reservation, 'NumberReleased');
        await this.claims.settle(claimed, 'ClaimReleased');
        const actual = typeof e.actualVersion === 'bigint' ? Number(e.actualVersion) + 1 : 0;
        throw new ConcurrencyError(streamId, options.expectedVersion, actual || undefined);
      }
      // Unknown outcome (the server went away): the reservation stays until its lease runs out and is settled by what landed.
      throw e;
    }
    if (reservation) await this.numbers.settle(plan.number!.sequence, reservation, 'NumberUsed');
    await this.claims.settle(claimed, 'ClaimUsed');
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
    const records = await readRaw(this.client, `${this.ns}~command-${commandId}`);
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
    const mine = (await readRaw(this.client, this.streamName(streamId))).filter((r) => bookkeepingOf(r)?.commandId === commandId);
    if (!mine.length) return undefined;
    const first = bookkeepingOf(mine[0])!;
    const record: CommandRecord = { streamId, version: Number(mine[mine.length - 1].revision) + 1 };
    if (first.fingerprint !== undefined) record.fingerprint = first.fingerprint;
    if (first.result !== undefined) record.result = first.result;
    return record;
  }
}

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
