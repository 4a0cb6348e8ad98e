/** Kafka topics. All are keyed by dossier id, so one dossier's events stay in order on one partition. */
export const TOPICS = {
  /** The public contract: integration events (see integration-events.ts, docs/asyncapi.json). */
  dossierEvents: 'berkas.dossier-events.v1',
  /** The public contract, version 2 (issue 23): every message names its MPP; published beside v1 for the migration window. */
  dossierEventsV2: 'berkas.dossier-events.v2',
  /** Internal: the event log as stored, for Berkas's own projectors. */
  eventLog: 'berkas.event-log.v1',
  /** Internal: events the relay could not map or validate for the contract topic, with the error (D36). */
  deadLetter: 'berkas.dead-letter.v1',
} as const;

/**
 * Per-topic settings the relay applies when it creates a topic and on every
 * start (docs/deployment.md). Every topic keeps everything: the event log is
 * the projectors' source and must hold the whole history (a truncated one
 * would build read models without their older events), the contract topic is
 * what a new subscriber replays, and the dead letters wait for a person.
 */
export const TOPIC_CONFIG: Record<(typeof TOPICS)[keyof typeof TOPICS], Record<string, string>> = {
  'berkas.dossier-events.v1': { 'retention.ms': '-1', 'retention.bytes': '-1', 'cleanup.policy': 'delete' },
  'berkas.dossier-events.v2': { 'retention.ms': '-1', 'retention.bytes': '-1', 'cleanup.policy': 'delete' },
  'berkas.event-log.v1': { 'retention.ms': '-1', 'retention.bytes': '-1', 'cleanup.policy': 'delete' },
  'berkas.dead-letter.v1': { 'retention.ms': '-1', 'retention.bytes': '-1', 'cleanup.policy': 'delete' },
};

/** Kafka headers every message carries. */
export const HEADERS = {
  eventId: 'berkas-event-id',
  eventType: 'berkas-event-type',
  schemaVersion: 'berkas-schema-version',
  correlationId: 'berkas-correlation-id',
  contentType: 'content-type',
  /** On a dead letter: why the relay could not publish it. */
  error: 'berkas-error',
  /**
   * On the internal event-log topic and dead letters (issue 23): the MPP the event belongs to, so a consumer can route
   * or filter without parsing the value (which carries it too, in `metadata.tenant`). Absent on events written before
   * tenants existed (the home tenant's). On the public contract v2 every message carries it (v1 is closed to it).
   */
  tenant: 'berkas-tenant',
} as const;
