import kafkajs, { type Kafka, type Producer } from 'kafkajs';
import { TOPIC_CONFIG, TOPICS } from '#berkas/contracts';

const { Kafka: KafkaClient, logLevel, Partitioners, ConfigResourceTypes } = kafkajs;

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  /** Partitions of the two topics when the relay creates them. */
  partitions?: number;
  replicationFactor?: number;
}

/** A kafkajs client whose logs go through our logger as JSON lines, warnings and errors only. */
export function kafkaClient(s: KafkaSettings, log: (entry: Record<string, unknown>) => void = () => undefined): Kafka {
  return new KafkaClient({
    clientId: s.clientId,
    brokers: s.brokers,
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5000 },
    logCreator:
      () =>
      ({ namespace, level, log: entry }) =>
        log({ source: 'kafkajs', namespace, level: logLevel[level], ...entry }),
  });
}

/**
 * The relay's producer: idempotent (the broker drops a retried batch it
 * already has), one request in flight (order kept across retries), and every
 * send waits for all in-sync replicas (acks=all is set per send).
 */
export const relayProducer = (kafka: Kafka): Producer =>
  kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });

/**
 * Creates the topics if they are missing, with their partitions, replication
 * and `min.insync.replicas` (2 from a replication factor of 3), and applies
 * each topic's retention and clean-up policy (TOPIC_CONFIG) to new and existing
 * topics alike. A topic whose partition count differs from the configured one
 * is refused: more partitions would send a dossier's later events to another
 * partition than its earlier ones, and a consumer could apply them out of order.
 */
export async function ensureTopics(kafka: Kafka, s: KafkaSettings): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const all = Object.values(TOPICS);
    const missing = all.filter((t) => !existing.has(t));
    const partitions = s.partitions ?? 12;
    const replicationFactor = s.replicationFactor ?? 1;
    if (missing.length)
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: partitions,
          replicationFactor,
          configEntries: [
            { name: 'min.insync.replicas', value: String(Math.min(2, replicationFactor)) },
            ...Object.entries(TOPIC_CONFIG[topic]).map(([name, value]) => ({ name, value })),
          ],
        })),
      });
    const present = all.filter((t) => existing.has(t));
    if (present.length) {
      const { topics } = await admin.fetchTopicMetadata({ topics: present });
      const wrong = topics.filter((t) => t.partitions.length !== partitions && t.name !== TOPICS.deadLetter);
      if (wrong.length)
        throw new Error(
          `Kafka topic ${wrong.map((t) => `${t.name} has ${t.partitions.length} partitions`).join(', ')}, but KAFKA_PARTITIONS is ${partitions}. ` +
            'Changing the partition count re-maps dossiers to partitions and lets a consumer apply events out of order: set KAFKA_PARTITIONS ' +
            'to the existing count, or migrate to new topics as docs/deployment.md describes.',
        );
      await admin.alterConfigs({
        validateOnly: false,
        // AlterConfigs replaces a topic's overrides as a whole: min.insync.replicas is stated with the rest.
        resources: topics.map((t) => ({
          type: ConfigResourceTypes.TOPIC,
          name: t.name,
          configEntries: [
            { name: 'min.insync.replicas', value: String(Math.min(2, t.partitions[0]?.replicas.length ?? 1)) },
            ...Object.entries(TOPIC_CONFIG[t.name as keyof typeof TOPIC_CONFIG]).map(([n, value]) => ({ name: n, value })),
          ],
        })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}
