import { TOPIC_CONFIG, TOPICS } from '#berkas/contracts';
import { ensureTopics, kafkaClient } from '#berkas/messaging';
import { parseConfig } from '#berkas/platform';

/**
 * `npm run kafka:topics`: creates Berkas's topics when missing and applies
 * their settings (retention, clean-up, `min.insync.replicas`) as
 * docs/deployment.md states them; refuses topics whose partition count
 * differs from KAFKA_PARTITIONS. The relay does the same at every start.
 */
const config = parseConfig(process.env);
if (!config.KAFKA_BROKERS.length) {
  console.error('Invalid configuration: KAFKA_BROKERS (host:port,...) is required');
  process.exit(1);
}
const kafka = kafkaClient({ brokers: config.KAFKA_BROKERS, clientId: `${config.KAFKA_CLIENT_ID}-topics` });
await ensureTopics(kafka, {
  brokers: config.KAFKA_BROKERS,
  clientId: `${config.KAFKA_CLIENT_ID}-topics`,
  partitions: config.KAFKA_PARTITIONS,
  replicationFactor: config.KAFKA_REPLICATION_FACTOR,
});
for (const topic of Object.values(TOPICS))
  console.log(
    `${topic}: ${config.KAFKA_PARTITIONS} partitions, replication ${config.KAFKA_REPLICATION_FACTOR}, min.insync.replicas ${Math.min(2, config.KAFKA_REPLICATION_FACTOR)}, ${Object.entries(
      TOPIC_CONFIG[topic],
    )
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}`,
  );
