import type { Producer, Message } from 'kafkajs';
import { HEADERS, TOPICS } from '#berkas/contracts';
import { checkpointOf, type Checkpoint, type EventStore, type StoredEvent } from '#berkas/event-store';
import { dossierIdOf } from '#berkas/domain';
import { DEFAULT_TENANT_CODE } from '#berkas/platform';
import { isPublished, toIntegrationEvent, toIntegrationEventV2, toLoggedEvent } from './integration-mapping.js';
import type { SqlCheckpoints } from './sql-checkpoints.js';

/** What the relay last knew of a dossier: its number, the version it saw last, and the published events up to it on each contract version. */
interface DossierPosition {
  number: string;
  version: number;
  sequence: number;
  sequenceV2: number;
}

interface Prepared {
  events: StoredEvent[];
  log: Message[];
  contract: Message[];
  contractV2: Message[];
  deadLetters: Message[];
  checkpoint: Checkpoint;
}

export interface RelayOptions {
  name?: string;
  batchSize?: number;
  pollMs?: number;
  onError?: (error: unknown) => void;
  /** After each published batch: how many events, and how far behind the newest one was (ms). */
  onPublished?: (events: number, lagMs: number) => void;
  /** An event that could not be mapped or validated went to the dead-letter topic instead (D36), once per topic it missed. */
  onDeadLetter?: (event: StoredEvent, error: unknown) => void;
  /** The MPP of events written before tenants (they name none); the contract v2 names it on their messages. */
  home?: string;
}

/**
 * Publishes the event log to Kafka: reads it in global order from its own
 * checkpoint, sends each batch (the full event to the internal log topic, the
 * public integration event to the contract topics v1 and v2, all keyed by dossier id),
 * and moves the checkpoint only after the broker acknowledged the batch
 * (acks=all). Killed at any moment, it resends at most the batch in flight:
 * consumers see a duplicate at most, never a gap (they deduplicate by event id).
 */
export class Relay {
  private readonly name: string;
  private readonly home: string;
  private readonly batchSize: number;
  private stopped = true;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private readonly dossiers = new Map<string, DossierPosition>();
  published = 0;
  /** Events sent to the dead-letter topic since start. */
  deadLettered = 0;
  position: Checkpoint | undefined;
  /** The last failure since the last batch that went through (cleared by the next success). */
  failing: { since: string; error: string } | undefined;
  private watching: { close(): Promise<void> } | undefined;
  /** When the batch now waiting for the broker's acknowledgement was sent. */
  private inFlightSince: number | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly checkpoints: SqlCheckpoints,
    private readonly producer: Producer,
    private readonly options: RelayOptions = {},
  ) {
    this.name = options.name ?? 'relay';
    this.home = options.home ?? DEFAULT_TENANT_CODE;
    this.batchSize = options.batchSize ?? 500;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    // A relay that (re)gains the lead starts from the saved checkpoint: another relay may have moved it meanwhile.
    this.position = undefined;
    this.watching = this.store.watch?.(() => this.poke());
    this.loop = (async () => {
      // While a batch waits for the broker, the next page is already read and mapped.
      let ahead: Promise<Prepared | undefined> | undefined;
      while (!this.stopped) {
        let sent: number;
        try {
          const from = this.position ?? (await this.checkpoints.load(this.name));
          const batch = await (ahead ?? this.prepare(from));
          ahead = undefined;
          if (!batch) {
            this.position = from;
            sent = 0;
          } else {
            if (batch.events.length === this.batchSize) {
              ahead = this.prepare(batch.checkpoint);
              ahead.catch(() => undefined); // a failed read ahead is retried from the checkpoint
            }
            sent = await this.publish(batch);
          }
          this.failing = undefined;
        } catch (e) {
          ahead = undefined;
          this.inFlightSince = undefined;
          this.failing ??= { since: new Date().toISOString(), error: e instanceof Error ? e.message : String(e) };
          this.options.onError?.(e);
          await this.pause(1000);
          continue;
        }
        if (sent < this.batchSize) await this.pause(this.options.pollMs ?? 100);
      }
    })();
  }

  /**
   * Why the relay is not keeping up, if it is not: the last batch failed, or
   * one has waited for the broker longer than `stallMs` (the producer is still
   * retrying, so nothing has failed yet, but nothing moves either).
   */
  trouble(stallMs = 5000): string | undefined {
    if (this.failing) return `publishing fails since ${this.failing.since}: ${this.failing.error}`;
    if (this.inFlightSince !== undefined && Date.now() - this.inFlightSince > stallMs)
      return `a batch has waited ${Math.round((Date.now() - this.inFlightSince) / 1000)} s for the broker`;
    return undefined;
  }

  /** Asks for a run now (after a local commit). */
  poke(): void {
    this.wake?.();
  }

  /** Finishes the batch in flight (its checkpoint is saved), then returns. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    await this.watching?.close();
    this.watching = undefined;
  }

  /** One batch: read, publish, wait for the acknowledgement, save the checkpoint. Returns how many events it covered. */
  async runOnce(): Promise<number> {
    const from = this.position ?? (await this.checkpoints.load(this.name));
    const batch = await this.prepare(from);
    if (!batch) {
      this.position = from;
      return 0;
    }
    return this.publish(batch);
  }

  /** Reads the page after `from` and maps it to the messages of both topics. */
  private async prepare(from: Checkpoint): Promise<Prepared | undefined> {
    const events = await this.store.readAll(from, this.batchSize);
    if (!events.length) return undefined;
    const log: Message[] = [];
    const contract: Message[] = [];
    const contractV2: Message[] = [];
    const deadLetters: Message[] = [];
    for (const e of events) {
      const key = dossierIdOf(e.streamId) ?? e.streamId;
      const correlationId = typeof e.metadata.correlationId === 'string' ? e.metadata.correlationId : undefined;
      const tenant = typeof e.metadata.tenant === 'string' ? e.metadata.tenant : undefined;
      const headers = (type: string, version: number) => ({
        [HEADERS.eventId]: e.eventId,
        [HEADERS.eventType]: type,
        [HEADERS.schemaVersion]: String(version),
        [HEADERS.contentType]: 'application/json',
        ...(correlationId ? { [HEADERS.correlationId]: correlationId } : {}),
      });
      // Internal topics name the MPP (issue 23); the public contract v1 is closed to new headers.
      const internal = (type: string, version: number) => ({ ...headers(type, version), ...(tenant ? { [HEADERS.tenant]: tenant } : {}) });
      // One event that cannot be mapped or validated goes to the dead-letter topic with its error, and the relay goes
      // on (D36). Missing from the event log, it shows as a gap to the projectors, which quarantine its dossier.
      const dead = (err: unknown, topic: string) => {
        const error = `${topic}: ${err instanceof Error ? err.message : String(err)}`.toWellFormed().slice(0, 2000);
        deadLetters.push({
          key,
          value: JSON.stringify({ topic, error, event: e }).toWellFormed(),
          headers: { ...internal(e.type, e.schemaVersion), [HEADERS.error]: error.slice(0, 500) },
        });
        this.options.onDeadLetter?.(e, err);
      };
      try {
        log.push({ key, value: JSON.stringify(toLoggedEvent(e)), headers: internal(e.type, e.schemaVersion) });
      } catch (err) {
        dead(err, TOPICS.eventLog);
      }
      let at: Awaited<ReturnType<Relay['contractPosition']>>;
      try {
        at = await this.contractPosition(e);
      } catch (err) {
        dead(err, TOPICS.dossierEvents);
        dead(err, TOPICS.dossierEventsV2);
        continue;
      }
      if (!at) continue;
      try {
        const integration = toIntegrationEvent(e, at.number, at.sequence);
        if (integration)
          contract.push({ key, value: JSON.stringify(integration), headers: headers(integration.type, integration.schemaVersion) });
      } catch (err) {
        dead(err, TOPICS.dossierEvents);
      }
      try {
        const v2 = toIntegrationEventV2(e, at.number, at.sequenceV2, this.home);
        if (v2)
          contractV2.push({
            key,
            value: JSON.stringify(v2),
            headers: { ...headers(v2.type, v2.schemaVersion), [HEADERS.tenant]: v2.tenant },
          });
      } catch (err) {
        dead(err, TOPICS.dossierEventsV2);
      }
    }
    return { events, log, contract, contractV2, deadLetters, checkpoint: checkpointOf(events[events.length - 1]) };
  }

  /** Sends a prepared batch, waits for acks=all, then saves its checkpoint. */
  private async publish({ events, log, contract, contractV2, deadLetters, checkpoint: cp }: Prepared): Promise<number> {
    this.inFlightSince = Date.now();
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [
        ...(log.length ? [{ topic: TOPICS.eventLog, messages: log }] : []),
        ...(contract.length ? [{ topic: TOPICS.dossierEvents, messages: contract }] : []),
        ...(contractV2.length ? [{ topic: TOPICS.dossierEventsV2, messages: contractV2 }] : []),
        ...(deadLetters.length ? [{ topic: TOPICS.deadLetter, messages: deadLetters }] : []),
      ],
    });
    this.deadLettered += deadLetters.length;
    this.inFlightSince = undefined;
    const last = events[events.length - 1];
    await this.checkpoints.save(this.name, cp);
    this.position = cp;
    this.published += events.length;
    this.options.onPublished?.(events.length, Date.now() - new Date(last.recordedAt).getTime());
    return events.length;
  }

  /**
   * Where a dossier event stands in the public contract: the dossier's
   * registration number, and its `sequence`, the count of the dossier's
   * published events up to this one (officer-only events are not published,
   * so they do not count: a subscriber's gap detection sees 1, 2, 3, ...);
   * `sequenceV2` likewise on v2, which publishes more kinds of events.
   * Deterministic, so a batch published again after a crash carries the same
   * numbers: from the previous event's when this process just saw it, else
   * counted from the stream.
   */
  private async contractPosition(e: StoredEvent): Promise<{ number: string; sequence: number; sequenceV2: number } | undefined> {
    const dossierId = dossierIdOf(e.streamId);
    if (!dossierId) return undefined;
    const [counts, countsV2] = [isPublished(e, 1) ? 1 : 0, isPublished(e, 2) ? 1 : 0];
    const known = this.dossiers.get(dossierId);
    let at: DossierPosition | undefined;
    if (e.type === 'DossierRegistered' && e.streamVersion === 1)
      at = { number: String(e.data.registrationNumber), version: 1, sequence: counts, sequenceV2: countsV2 };
    else if (known && known.version === e.streamVersion - 1)
      at = { ...known, version: e.streamVersion, sequence: known.sequence + counts, sequenceV2: known.sequenceV2 + countsV2 };
    else {
      const events = (await this.store.readStream(e.streamId)).events.filter((x) => x.streamVersion <= e.streamVersion);
      const [first] = events;
      if (first?.type !== 'DossierRegistered') return undefined;
      at = {
        number: String(first.data.registrationNumber),
        version: e.streamVersion,
        sequence: events.filter((x) => isPublished(x, 1)).length,
        sequenceV2: events.filter((x) => isPublished(x, 2)).length,
      };
    }
    this.remember(dossierId, at);
    return { number: at.number, sequence: at.sequence, sequenceV2: at.sequenceV2 };
  }

  /** A bounded cache: the oldest entry goes first. */
  private remember(dossierId: string, at: DossierPosition): void {
    this.dossiers.delete(dossierId);
    this.dossiers.set(dossierId, at);
    if (this.dossiers.size > 50_000) this.dossiers.delete(this.dossiers.keys().next().value!);
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wake = done;
    });
  }
}
