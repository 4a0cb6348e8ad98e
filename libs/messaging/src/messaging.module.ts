import { Inject, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import type { ServiceCatalogue } from '#berkas/domain';
import type { EventStore } from '#berkas/event-store';
import type { SqlDatabase } from '#berkas/sql';
import {
  BERKAS_CONFIG,
  CATALOGUE,
  CatalogueSync,
  EVENT_STORE,
  Leadership,
  Metrics,
  ReadinessChecks,
  SQL_DATABASE,
  TENANTS,
  type BerkasConfig,
  type Lease,
  type Tenants,
} from '#berkas/platform';
import { announcePublicChanges, catalogueReadyFor, readModelProjections } from '#berkas/read-models';
import { ensureTopics, kafkaClient, relayProducer } from './kafka-client.js';
import { KafkaProjector } from './kafka-projector.js';
import { Relay } from './relay.js';
import { SqlCheckpoints } from './sql-checkpoints.js';

const RELAY = Symbol('RELAY');
const KAFKA_PROJECTOR = Symbol('KAFKA_PROJECTOR');
const json = (logger: Logger) => (entry: Record<string, unknown>) =>
  entry.level === 'ERROR' ? logger.error(JSON.stringify(entry)) : logger.warn(JSON.stringify(entry));

const settings = (c: BerkasConfig, role: string) => ({
  brokers: c.KAFKA_BROKERS,
  clientId: `${c.KAFKA_CLIENT_ID}-${role}`,
  partitions: c.KAFKA_PARTITIONS,
  replicationFactor: c.KAFKA_REPLICATION_FACTOR,
});

/** The relay process: event log -> Kafka, with relay lag in the metrics. */
@Module({
  providers: [
    {
      provide: RELAY,
      inject: [EVENT_STORE, SQL_DATABASE, BERKAS_CONFIG, Metrics, ReadinessChecks, TENANTS],
      useFactory: async (
        store: EventStore,
        db: SqlDatabase,
        config: BerkasConfig,
        metrics: Metrics,
        readiness: ReadinessChecks,
        tenants: Tenants,
      ) => {
        if (!config.KAFKA_BROKERS.length) throw new Error('Invalid configuration: the relay needs KAFKA_BROKERS (host:port,...)');
        const logger = new Logger('Relay');
        const kafka = kafkaClient(settings(config, 'relay'), json(logger));
        await ensureTopics(kafka, settings(config, 'relay'));
        const producer = relayProducer(kafka);
        await producer.connect();
        const checkpoints = new SqlCheckpoints(db);
        await checkpoints.init();
        const published = new Counter({
          name: 'berkas_relay_events_total',
          help: 'Events published to Kafka',
          registers: [metrics.registry],
        });
        const lag = new Histogram({
          name: 'berkas_relay_lag_seconds',
          help: 'From commit to broker acknowledgement, per batch (newest event)',
          buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 5, 30],
          registers: [metrics.registry],
        });
        const deadLetters = new Counter({
          name: 'berkas_relay_dead_letters_total',
          help: 'Events the relay could not map or validate, sent to the dead-letter topic instead',
          registers: [metrics.registry],
        });
        const relay = new Relay(store, checkpoints, producer, {
          home: tenants.home.code,
          batchSize: config.RELAY_BATCH_SIZE,
          pollMs: config.RELAY_POLL_MS,
          onError: (e) => logger.error(`publishing failed, retrying: ${e instanceof Error ? e.message : String(e)}`),
          onPublished: (n, ms) => {
            published.inc(n);
            lag.observe(ms / 1000);
          },
          onDeadLetter: (e, err) => {
            deadLetters.inc();
            logger.error(`event ${e.eventId} (${e.type}, ${e.streamId}@${e.streamVersion}) sent to the dead-letter topic: ${String(err)}`);
          },
        });
        const holder: { lease?: Lease } = {};
        // Ready while batches go through; a relay that cannot publish (broker away) says so within 5 s. A standby is
        // ready too: it takes over when the leader's lease goes (D37).
        readiness.register('relay', async () => {
          if (holder.lease && !holder.lease.isLeader()) return { role: 'standby', since: holder.lease.since() };
          const trouble = relay.trouble(config.RELAY_STALL_MS);
          if (trouble) throw new Error(trouble);
          return { role: 'leader', published: relay.published, deadLettered: relay.deadLettered, position: relay.position ?? null };
        });
        return { relay, producer, holder };
      },
    },
  ],
})
export class RelayModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(RELAY) private readonly r: { relay: Relay; producer: { disconnect(): Promise<void> }; holder: { lease?: Lease } },
    @Inject(Leadership) private readonly leadership: Leadership,
  ) {}
  /** One relay publishes at a time; the others stand by and take over when its lease goes (D37). */
  onApplicationBootstrap(): void {
    this.r.holder.lease = this.leadership.hold('relay', { lead: () => this.r.relay.start(), follow: () => this.r.relay.stop() });
  }
  /** Graceful: the batch in flight is acknowledged and checkpointed before the producer closes. */
  async onApplicationShutdown(): Promise<void> {
    await this.r.holder.lease?.release();
    await this.r.relay.stop();
    await this.r.producer.disconnect();
  }
}

/** A projector fed by Kafka, as a member of the consumer group; consumer-group lag and projection lag in the metrics. */
@Module({
  providers: [
    {
      provide: KAFKA_PROJECTOR,
      inject: [SQL_DATABASE, CATALOGUE, BERKAS_CONFIG, Metrics, ReadinessChecks, TENANTS, CatalogueSync],
      useFactory: async (
        db: SqlDatabase,
        catalogue: ServiceCatalogue,
        config: BerkasConfig,
        metrics: Metrics,
        readiness: ReadinessChecks,
        tenants: Tenants,
        sync: CatalogueSync,
      ) => {
        const logger = new Logger('KafkaProjector');
        const kafka = kafkaClient(settings(config, 'projector'), json(logger));
        const applied = new Histogram({
          name: 'berkas_projection_lag_seconds',
          help: 'From commit to read model, per applied batch (newest event), by projector',
          labelNames: ['projector'] as const,
          buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 5, 30],
          registers: [metrics.registry],
        });
        const rejected = new Counter({
          name: 'berkas_kafka_messages_rejected_total',
          help: 'Messages that broke the contract (skipped)',
          registers: [metrics.registry],
        });
        const projector = new KafkaProjector(kafka, db, readModelProjections(catalogue, tenants.home.code), {
          groupId: config.KAFKA_GROUP_ID,
          onError: (e, ctx) => {
            rejected.inc();
            logger.error(JSON.stringify({ ...ctx, error: e instanceof Error ? e.message : String(e) }));
          },
          onApplied: (_partition, _n, ms) => applied.observe({ projector: 'kafka' }, ms / 1000),
          beforeApply: catalogueReadyFor(sync),
          // Tracking processes drop a dossier's cached answer the moment its public row changes (D57).
          onCommitted: (ids) =>
            void announcePublicChanges(db, ids).catch((e: unknown) => logger.warn(`public changes not announced: ${String(e)}`)),
        });
        new Gauge({
          name: 'berkas_consumer_group_lag',
          help: 'Messages of the event-log topic the projector group has not committed, by partition',
          labelNames: ['partition'] as const,
          registers: [metrics.registry],
          async collect() {
            const rows = await projector.lag().catch(() => []);
            this.reset();
            for (const r of rows) this.set({ partition: String(r.partition) }, r.lag);
          },
        });
        // Ready once this member has joined the group (it may hold no partition when members outnumber them), and
        // while the broker answers: the group's own view of a lost broker lags by its session timeout and retries.
        const probe = kafkaClient({ ...settings(config, 'projector-probe') }, () => undefined).admin({ retry: { retries: 0 } });
        let probing: Promise<void> | undefined;
        projector.onStop(() => probe.disconnect());
        readiness.register('consumer', async () => {
          const m = projector.membership;
          if (!m.joined) throw new Error(`not in consumer group ${projector.groupId} (${m.reason ?? 'joining'}) since ${m.since}`);
          probing ??= probe.connect().catch((e: unknown) => {
            probing = undefined;
            throw e;
          });
          await probing;
          await probe.describeCluster().catch(async (e: unknown) => {
            probing = undefined;
            await probe.disconnect().catch(() => undefined);
            throw new Error(`the broker does not answer: ${e instanceof Error ? e.message : String(e)}`);
          });
          return { group: projector.groupId, partitions: m.partitions, since: m.since, applied: projector.applied };
        });
        await projector.init();
        return projector;
      },
    },
  ],
})
export class KafkaProjectorModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(KAFKA_PROJECTOR) private readonly projector: KafkaProjector) {}
  async onApplicationBootstrap(): Promise<void> {
    await this.projector.start();
  }
  /** Graceful: the batch in flight is applied and its offset committed, then the member leaves the group. */
  async onApplicationShutdown(): Promise<void> {
    await this.projector.stop();
  }
}
