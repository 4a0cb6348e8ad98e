/** Kafka topics. Both are keyed by dossier id, so one dossier's events stay in order on one partition. */
export const TOPICS = {
  /** The public contract: integration events (see integration-events.ts, docs/asyncapi.json). */
  dossierEvents: 'berkas.dossier-events.v1',
  /** Internal: the event log as stored, for Berkas's own projectors. */
  eventLog: 'berkas.event-log.v1',
} as const;

/** Kafka headers every message carries. */
export const HEADERS = {
  eventId: 'berkas-event-id',
  eventType: 'berkas-event-type',
  schemaVersion: 'berkas-schema-version',
  correlationId: 'berkas-correlation-id',
  contentType: 'content-type',
} as const;
