import { KafkaBroker } from './kafka-broker.js';

/** `npm run kafka`: a local KRaft broker for the distributed set-up; Ctrl+C stops it and removes its data. */
const broker = await KafkaBroker.start((line) => console.log(line));
console.log(`Kafka ${broker.brokers.join(',')} ready: export KAFKA_BROKERS=${broker.brokers.join(',')} (Ctrl+C to stop)`);
const stop = () => {
  void broker.destroy().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
