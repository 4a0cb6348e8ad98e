import { compile } from './integration-events.js';

/**
 * The internal event log on Kafka: stored events as they are in the event
 * store, for Berkas's own projectors (which build the officers' read models
 * and need what the public contract leaves out). Private: the topic is
 * readable only by Berkas's own services (ACLs in production); nothing outside
 * may depend on its shape.
 */
export const LOGGED_EVENT_SCHEMA = {
  $id: 'https://berkas.example/schemas/logged-event.v1.json',
  title: 'Berkas event log entry (internal)',
  type: 'object',
  additionalProperties: false,
  required: [
    'eventId',
    'streamId',
    'streamVersion',
    'transactionId',
    'globalPosition',
    'type',
    'schemaVersion',
    'data',
    'metadata',
    'recordedAt',
  ],
  properties: {
    eventId: { type: 'string', format: 'uuid' },
    streamId: { type: 'string', minLength: 1, maxLength: 200 },
    streamVersion: { type: 'integer', minimum: 1 },
    transactionId: { type: 'string', pattern: '^[0-9]+$' },
    globalPosition: { type: 'string', pattern: '^[0-9]+$' },
    type: { type: 'string', minLength: 1, maxLength: 100 },
    schemaVersion: { type: 'integer', minimum: 1 },
    data: { type: 'object' },
    metadata: { type: 'object' },
    recordedAt: { type: 'string', format: 'date-time' },
  },
} as const;

export interface LoggedEvent {
  eventId: string;
  streamId: string;
  streamVersion: number;
  transactionId: string;
  globalPosition: string;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  recordedAt: string;
}

export const validateLoggedEvent = compile<LoggedEvent>('logged-event.v1', LOGGED_EVENT_SCHEMA);
