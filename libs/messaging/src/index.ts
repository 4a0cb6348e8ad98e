export * from './integration-mapping.js';
export * from './kafka-client.js';
export * from './kafka-projector.js';
export * from './relay.js';
export * from './sql-checkpoints.js';
export * from './messaging.module.js';
