/** An event as it goes in: the store adds positions, ids it was not given, and the schema version. */
export interface NewEvent {
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  eventId?: string;
}

export interface StoredEvent {
  eventId: string;
  streamId: string;
  /** 1-based position within the stream. */
  streamVersion: number;
  /** Global order: (transactionId, globalPosition), compared in that order. */
  globalPosition: string;
  transactionId: string;
  type: string;
  /** Schema version after upcasting (always the current one). */
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  recordedAt: string;
}

/** Where a reader of the global log has got to. Readers never skip an event below it. */
export interface Checkpoint {
  transactionId: string;
  globalPosition: string;
}

export const START: Checkpoint = { transactionId: '0', globalPosition: '0' };

export const checkpointOf = (e: StoredEvent): Checkpoint => ({
  transactionId: e.transactionId,
  globalPosition: e.globalPosition,
});

export interface AppendOptions {
  /** Version the writer read (0: the stream must not exist yet). */
  expectedVersion: number;
  /** Idempotency key: appending the same command id again appends nothing. */
  commandId?: string;
  /**
   * What the request behind the command looked like (a hash). The same command id
   * with another fingerprint is refused with CommandIdReusedError, never answered as a duplicate.
   */
  fingerprint?: string;
}

/** What to append; `result` is kept with the command id, to answer its retries. */
export interface AppendPlan {
  events: NewEvent[];
  result?: Record<string, unknown>;
  /**
   * One document number drawn in the append itself: every `placeholder` string
   * in the events and the result becomes `prefix` + the next value of
   * `sequence`, zero-padded to 6 digits. Drawn only if the append goes
   * through, so a conflict or a duplicate consumes nothing.
   */
  number?: { sequence: string; prefix: string; placeholder: string };
  /**
   * Keys this append takes for good, unique across the whole store (a bank
   * transfer's reference per channel): if any is already held, by this stream
   * or another, nothing is appended and ClaimTakenError names the holder.
   * A retried command answers as a duplicate, not as taken; an append that
   * fails for any reason gives its claims back.
   */
  claims?: string[];
}

export interface AppendResult {
  /** The stream's version after the append (or after the original append of a duplicate). */
  version: number;
  duplicate: boolean;
  /** Where the command landed the first time (a retried registration finds its dossier here). */
  streamId: string;
  /** The result stored with the command (for a duplicate: the one stored the first time), numbers filled in. */
  result?: Record<string, unknown>;
}

/** A command already recorded under an id. */
export interface CommandRecord {
  streamId: string;
  version: number;
  fingerprint?: string;
  result?: Record<string, unknown>;
}

/**
 * The event store port. Every adapter passes the same contract suite
 * (testing/event-store-contract.ts): optimistic concurrency, idempotent
 * commands, a gap-free global order under concurrent writers, upcasting.
 */
export interface EventStore {
  readStream(streamId: string): Promise<{ version: number; events: StoredEvent[] }>;
  appendToStream(streamId: string, events: NewEvent[] | AppendPlan, options: AppendOptions): Promise<AppendResult>;
  /** The command recorded under this id, if any (to answer a retry without deciding it again). */
  findCommand(commandId: string): Promise<CommandRecord | undefined>;
  /** Events after `after` in global order, up to `limit`; never returns an event while an earlier one may still commit. */
  readAll(after: Checkpoint, limit: number): Promise<StoredEvent[]>;
  /**
   * Optional push: calls `listener` soon after new events are committed, so
   * pollers (projector, relay) run at once instead of at their next tick.
   * Readers still read from their own checkpoints with readAll.
   */
  watch?(listener: () => void): { close(): Promise<void> };
  /** Optional: how many events the log holds (progress of a rebuild), without reading them. */
  countEvents?(): Promise<number>;
  /**
   * Optional: one MPP's part of the log (issue 23), as readAll gives it: the
   * events whose metadata names `tenant`, and with `unstamped` also those that
   * name none (written before tenants: the home MPP's). An adapter without it
   * is read through `tenantLog`, which filters the whole log.
   */
  readTenant?(tenant: string, unstamped: boolean, after: Checkpoint, limit: number): Promise<StoredEvent[]>;
  /** Optional: how many events readTenant would give from the start. */
  countTenantEvents?(tenant: string, unstamped: boolean): Promise<number>;
  close(): Promise<void>;
}

/** A write lost a race: the stream moved on since the writer read it. HTTP 409. */
export class ConcurrencyError extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number | undefined,
  ) {
    super(`Stream ${streamId} is at version ${actualVersion ?? 'none'}, expected ${expectedVersion}`);
    this.name = 'ConcurrencyError';
  }
}

/** A key an append claims is already held (ClaimTakenError.holder: the stream holding it). Nothing was appended. */
export class ClaimTakenError extends Error {
  constructor(
    readonly claim: string,
    readonly holder: string,
  ) {
    super(`${claim} is already held by ${holder}`);
    this.name = 'ClaimTakenError';
  }
}

/** The same command id was sent for a different request. HTTP 422. */
export class CommandIdReusedError extends Error {
  constructor(readonly commandId: string) {
    super('This idempotency key was already used for a different request');
    this.name = 'CommandIdReusedError';
  }
}

/** A retry must be the same request as the command recorded under its id; anything else is refused. */
export function ensureSameRequest(seen: CommandRecord, fingerprint: string | undefined): void {
  if (fingerprint !== undefined && seen.fingerprint !== undefined && seen.fingerprint !== fingerprint)
    throw new CommandIdReusedError('(hidden)');
}

/** Brings stored events of older schema versions up to the current shape on read. */
export interface Upcaster {
  currentVersion(type: string): number;
  upcast(type: string, fromVersion: number, data: Record<string, unknown>): Record<string, unknown>;
}

export const NO_UPCASTING: Upcaster = { currentVersion: () => 1, upcast: (_t, _v, d) => d };

/** Builds an Upcaster from per-type steps: steps[type][n] turns version n into n + 1. */
export function upcasterFrom(steps: Record<string, Record<number, (d: Record<string, unknown>) => Record<string, unknown>>>): Upcaster {
  return {
    currentVersion: (type) => 1 + Object.keys(steps[type] ?? {}).length,
    upcast: (type, fromVersion, data) => {
      let d = data;
      const chain = steps[type] ?? {};
      for (let v = fromVersion; chain[v]; v++) d = chain[v](d);
      return d;
    },
  };
}
