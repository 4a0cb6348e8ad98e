import { createHash } from 'node:crypto';
import esdb from '@eventstore/db-client';
import type { AppendExpectedRevision, EventStoreDBClient as Client, JSONRecordedEvent } from '@eventstore/db-client';
import { DatabaseUnavailableError } from '#berkas/sql';
import type { StoredEvent, Upcaster } from '../event-store.port.js';

// What the EventStoreDB adapter's parts share: the client's names, the bookkeeping kept in each event's metadata,
// retries, and reading a stream raw.

export const {
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
export interface Bookkeeping {
  schemaVersion: number;
  commandId?: string;
  fingerprint?: string;
  result?: Record<string, unknown>;
}
export const KEY = '$berkas';

/** What the adapter's side registers (numbers, claims) work with: the client, the namespace, leases and clock. */
export interface RegisterContext {
  client: Client;
  ns: string;
  leaseMs: number;
  now: () => number;
  /** The stream name on the server for one of ours. */
  streamName: (streamId: string) => string;
}

export type Json = Record<string, unknown>;

export const START_POSITION = esdb.START;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const jitter = (attempt: number) => sleep(Math.min(50, 2 + Math.random() * 3 * Math.min(attempt, 10)));

/** A UUID derived from a name, so a retried command proposes the same event ids (and EventStoreDB deduplicates them). */
export function nameUuid(name: string): string {
  const h = createHash('sha256').update(name).digest();
  h[6] = (h[6] & 0x0f) | 0x80; // version 8: custom
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

export const revisionFor = (expectedVersion: number): AppendExpectedRevision =>
  expectedVersion === 0 ? 'no_stream' : BigInt(expectedVersion - 1);

export function classify(e: unknown): unknown {
  const type = (e as { type?: string })?.type;
  if (type === ErrorType.UNAVAILABLE || type === ErrorType.DEADLINE_EXCEEDED || type === ErrorType.NOT_LEADER)
    return new DatabaseUnavailableError(e);
  return e;
}

export const fill = <T>(value: T, placeholder: string, number: string): T =>
  JSON.parse(JSON.stringify(value).split(placeholder).join(number)) as T;

export const bookkeepingOf = (r: JSONRecordedEvent): Bookkeeping | undefined =>
  (r.metadata as Json | undefined)?.[KEY] as Bookkeeping | undefined;

export const stripUndefined = (o: object): Json => JSON.parse(JSON.stringify(o)) as Json;

/** Every event of a stream (none if it does not exist). */
export async function readRaw(client: Client, name: string): Promise<JSONRecordedEvent[]> {
  const out: JSONRecordedEvent[] = [];
  try {
    for await (const r of client.readStream(name, { direction: FORWARDS })) if (r.event) out.push(r.event as JSONRecordedEvent);
  } catch (e) {
    if (e instanceof StreamNotFoundError) return [];
    throw classify(e);
  }
  return out;
}

/** The last event of a stream, if any. */
export async function lastOf(client: Client, name: string): Promise<JSONRecordedEvent | undefined> {
  try {
    let last: JSONRecordedEvent | undefined;
    for await (const r of client.readStream(name, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }))
      last = r.event as JSONRecordedEvent;
    return last;
  } catch (e) {
    if (e instanceof StreamNotFoundError) return undefined;
    throw classify(e);
  }
}

/** One of this deployment's events (under `prefix`) as the port's StoredEvent, brought up to its current schema. */
export function toStored(r: JSONRecordedEvent, prefix: string, upcaster: Upcaster): StoredEvent | undefined {
  if (!r.streamId.startsWith(prefix) || !r.position) return undefined;
  const { [KEY]: kept, ...metadata } = (r.metadata ?? {}) as Json & { [KEY]?: Bookkeeping };
  const from = kept?.schemaVersion ?? 1;
  const current = upcaster.currentVersion(r.type);
  const raw = r.data as Json;
  return {
    eventId: r.id,
    streamId: r.streamId.slice(prefix.length),
    streamVersion: Number(r.revision) + 1,
    transactionId: r.position.commit.toString(),
    globalPosition: r.position.prepare.toString(),
    type: r.type,
    schemaVersion: current,
    data: from < current ? upcaster.upcast(r.type, from, raw) : raw,
    metadata,
    recordedAt: r.created.toISOString(),
  };
}
