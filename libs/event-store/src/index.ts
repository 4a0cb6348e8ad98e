export * from './event-store.port.js';
export * from './postgres/postgres-event-store.js';
export * from './eventstoredb/eventstoredb-event-store.js';
export * from './tenant-log.js';
