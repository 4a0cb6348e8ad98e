import kafkajs, { type Kafka, type Producer } from 'kafkajs';
import { TOPICS } from '#berkas/contracts';

const { Kafka: KafkaClient, logLevel, Partitioners } = kafkajs;

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

/** Creates the topics if they are missing (an operator may have made them with other settings: those are kept). */
export async function ensureTopics(kafka: Kafka, s: KafkaSettings): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = Object.values(TOPICS).filter((t) => !existing.has(t));
    if (missing.length)
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: s.partitions ?? 12,
          replicationFactor: s.replicationFactor ?? 1,
          configEntries: [{ name: 'min.insync.replicas', value: String(Math.min(2, s.replicationFactor ?? 1)) }],
        })),
      });
  } finally {
    await admin.disconnect();
  }
}
