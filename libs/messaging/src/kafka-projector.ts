import kafkajs, { type Consumer, type EachBatchPayload, type Kafka } from 'kafkajs';
import { TOPICS, validateLoggedEvent } from '#berkas/contracts';
import type { StoredEvent } from '#berkas/event-store';
import type { SqlDatabase } from '#berkas/sql';
import {
  applierOf,
  applyAllGuarded,
  QUARANTINE_SCHEMA,
  toProjected,
  type ProjectedEvent,
  type Projection,
  type QuarantinedDossier,
} from '#berkas/read-models';

/** The topic cannot serve as a projector's source (it deletes history, or already lost some). */
export class SourceRefused extends Error {
  override readonly name = 'SourceRefused';
}

export interface KafkaProjectorOptions {
  groupId?: string;
  topic?: string;
  onError?: (error: unknown, context: Record<string, unknown>) => void;
  /** After each applied batch: partition, events applied, how far behind the newest one was (ms). */
  onApplied?: (partition: number, events: number, lagMs: number) => void;
  /** A dossier was put in quarantine for a projection (D36). */
  onQuarantined?: (q: Pick<QuarantinedDossier, 'projection' | 'dossierId' | 'eventType' | 'error'>) => void;
  /** Before a batch is applied: what it needs first (the service versions an MPP published: catalogueReadyFor). */
  beforeApply?: (events: StoredEvent[]) => Promise<void>;
  /** After a batch's transaction committed, with the dossiers it touched (to drop cached public answers). */
  onCommitted?: (dossierIds: Set<string>) => void;
}

/**
 * Builds the read models from the internal event-log topic as a member of a
 * Kafka consumer group: the group shares the partitions (dossier id is the
 * key, so one dossier is always on one member, in order) and takes over a dead
 * member's partitions. The batches of the partitions a fetch brought are
 * applied to every projection in one transaction (issue 24: one per partition
 * cost a transaction per few events), then their offsets are resolved (and
 * committed within a second): a crash in between redelivers those batches,
 * which the read models ignore (each keeps the last stream version it applied
 * per dossier, and per-event rows are keyed by their place in the stream).
 */
export class KafkaProjector {
  private consumer: Consumer | undefined;
  applied = 0;
  rejected = 0;
  /** Whether this member is in the group with partitions to consume (for readiness). */
  membership: { joined: boolean; since: string; partitions: number; reason?: string } = {
    joined: false,
    since: new Date().toISOString(),
    partitions: 0,
  };

  /** Batches waiting for the shared transaction, and whether one is being written. */
  private waiting: { events: ProjectedEvent[]; done: (error?: unknown) => void }[] = [];
  private writing = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly db: SqlDatabase,
    readonly projections: Projection[],
    private readonly options: KafkaProjectorOptions = {},
  ) {}

  get groupId(): string {
    return this.options.groupId ?? 'berkas-projector';
  }

  async init(): Promise<void> {
    await this.db.exec(QUARANTINE_SCHEMA);
    for (const p of this.projections) await this.db.exec(p.schema);
  }

  /**
   * Refuses a source that cannot hold the whole history (D36): a topic that
   * deletes old messages (retention other than -1), or one that already lost
   * the start of a partition this group has not read past (a new group, or
   * one whose offsets expired). Starting there would build read models without
   * the older events; gaps would quarantine dossiers one by one.
   */
  async checkSource(): Promise<void> {
    // A broker just started (or a group coordinator moving) answers "loading" for a while: ask again, refuse only
    // for what the topic holds.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.checkSourceOnce();
      } catch (e) {
        if (e instanceof SourceRefused || attempt >= 30) throw e;
        await new Promise((r) => setTimeout(r, Math.min(2000, 200 * attempt)));
      }
    }
  }

  private async checkSourceOnce(): Promise<void> {
    const topic = this.options.topic ?? TOPICS.eventLog;
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: kafkajs.ConfigResourceTypes.TOPIC, name: topic, configNames: ['retention.ms', 'retention.bytes'] }],
      });
      const config = new Map(resources[0]?.configEntries.map((e) => [e.configName, e.configValue]) ?? []);
      if (config.get('retention.ms') !== '-1' || (config.get('retention.bytes') ?? '-1') !== '-1')
        throw new SourceRefused(
          `Kafka topic ${topic} deletes old messages (retention.ms=${config.get('retention.ms')}, retention.bytes=${config.get('retention.bytes')}): ` +
            'a projector fed from it would miss history. Set retention.ms=-1 and retention.bytes=-1 on it (the relay applies them on start), ' +
            'or project from the event store (PROJECTOR_SOURCE=store). See docs/deployment.md.',
        );
      const [ends, [committed]] = await Promise.all([
        admin.fetchTopicOffsets(topic),
        admin.fetchOffsets({ groupId: this.groupId, topics: [topic] }),
      ]);
      const done = new Map(committed.partitions.map((p) => [p.partition, BigInt(p.offset)]));
      const lost = ends.filter((p) => BigInt(p.low) > 0n && (done.get(p.partition) ?? -1n) < BigInt(p.low));
      if (lost.length)
        throw new SourceRefused(
          `Kafka topic ${topic} no longer holds the start of partition(s) ${lost.map((p) => `${p.partition} (from offset ${p.low})`).join(', ')}, ` +
            `which consumer group ${this.groupId} has not read: its read models would miss those events. Build them from the event store ` +
            '(npm run rebuild-projections), then start the group from the end of the topic. See docs/deployment.md.',
        );
    } finally {
      await admin.disconnect();
    }
  }

  async start(): Promise<void> {
    await this.checkSource();
    const consumer = this.kafka.consumer({
      groupId: this.groupId,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    const set = (joined: boolean, partitions: number, reason?: string) =>
      (this.membership = { joined, since: new Date().toISOString(), partitions, ...(reason ? { reason } : {}) });
    consumer.on(consumer.events.GROUP_JOIN, (e) =>
      set(
        true,
        Object.values(e.payload.memberAssignment).reduce((n, parts) => n + parts.length, 0),
      ),
    );
    consumer.on(consumer.events.CRASH, (e) => set(false, 0, `crashed: ${e.payload.error.message}`));
    consumer.on(consumer.events.DISCONNECT, () => set(false, 0, 'disconnected'));
    consumer.on(consumer.events.STOP, () => set(false, 0, 'stopped'));
    await consumer.connect();
    await consumer.subscribe({ topic: this.options.topic ?? TOPICS.eventLog, fromBeginning: true });
    await consumer.run({
      // Offsets are resolved only after a batch's transaction committed, and sent to the broker
      // every second (and on leaving the group) instead of one round trip per batch: a crash
      // redelivers at most that second's batches, which the read models ignore.
      autoCommit: true,
      autoCommitInterval: 1000,
      eachBatchAutoResolve: false,
      // Every partition of a fetch at once, their batches in one transaction (together); within a partition, in order.
      partitionsConsumedConcurrently: 12,
      eachBatch: (payload) => this.applyBatch(payload),
    });
  }

  /** Leaves the group after the batch in flight is applied and committed; its partitions go to the others at once. */
  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = undefined;
    for (const fn of this.stopping.splice(0)) await fn().catch(() => undefined);
  }

  private readonly stopping: (() => Promise<void>)[] = [];

  /** Runs `fn` when the projector stops (clients opened beside it, such as a readiness probe). */
  onStop(fn: () => Promise<void>): void {
    this.stopping.push(fn);
  }

  private async applyBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    if (!batch.messages.length || !isRunning() || isStale()) return;
    const events: StoredEvent[] = [];
    for (const m of batch.messages) {
      try {
        events.push(validateLoggedEvent(JSON.parse(m.value?.toString() ?? 'null')));
      } catch (e) {
        // A message that breaks the contract is logged and skipped, never applied half-understood.
        this.rejected++;
        this.options.onError?.(e, { topic: batch.topic, partition: batch.partition, offset: m.offset });
      }
    }
    await this.options.beforeApply?.(events);
    const projected = events.map(toProjected).filter((e): e is NonNullable<typeof e> => e !== undefined);
    if (projected.length) await this.together(projected);
    const last = batch.messages[batch.messages.length - 1];
    resolveOffset(last.offset);
    await heartbeat();
    this.applied += events.length;
    const newest = events[events.length - 1];
    this.options.onApplied?.(batch.partition, events.length, newest ? Date.now() - new Date(newest.recordedAt).getTime() : 0);
  }

  /**
   * Applies a partition's batch in the transaction of the batches that arrive with it (the other partitions of the
   * same fetch): they are gathered until the event loop turns, then written at once; batches that come while one
   * transaction is being written go in the next. Partitions hold different dossiers, so their batches commute; each
   * keeps its own order. A failed transaction fails every batch in it, and each is delivered again.
   */
  private together(events: ProjectedEvent[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ events, done: (error) => (error === undefined ? resolve() : reject(error as Error)) });
      if (this.waiting.length === 1 && !this.writing) setImmediate(() => void this.write());
    });
  }

  private async write(): Promise<void> {
    const group = this.waiting.splice(0);
    if (!group.length) return;
    this.writing = true;
    let failure: unknown;
    try {
      await this.db.transaction(async (tx) => {
        // A bad event, or a gap in a dossier's versions, quarantines that dossier for that projection; the
        // partition goes on (D36).
        await applyAllGuarded(
          tx,
          this.projections.map((p) => ({ projection: p, apply: applierOf(p) })),
          group.flatMap((g) => g.events),
          this.options.onQuarantined,
        );
      });
    } catch (e) {
      failure = e ?? new Error('transaction failed');
    } finally {
      this.writing = false;
    }
    for (const g of group) g.done(failure);
    // Once per transaction, for every dossier in it (not once per partition's batch).
    if (failure === undefined) this.options.onCommitted?.(new Set(group.flatMap((g) => g.events.map((e) => e.dossierId))));
    if (this.waiting.length) setImmediate(() => void this.write());
  }

  /** Messages the group has not committed yet, per partition (consumer-group lag). */
  async lag(): Promise<{ partition: number; lag: number }[]> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const topic = this.options.topic ?? TOPICS.eventLog;
      const [ends, [committed]] = await Promise.all([
        admin.fetchTopicOffsets(topic),
        admin.fetchOffsets({ groupId: this.groupId, topics: [topic] }),
      ]);
      const done = new Map(committed.partitions.map((p) => [p.partition, BigInt(p.offset === '-1' ? '0' : p.offset)]));
      return ends.map((e) => ({ partition: e.partition, lag: Number(BigInt(e.high) - (done.get(e.partition) ?? 0n)) }));
    } finally {
      await admin.disconnect();
    }
  }
}
