import {
  INTEGRATION_ENVELOPE,
  INTEGRATION_ENVELOPE_V2,
  INTEGRATION_EVENT_DATA,
  INTEGRATION_EVENT_DATA_V2,
  INTEGRATION_EVENT_TYPES,
  INTEGRATION_EVENT_TYPES_V2,
  INTEGRATION_SCHEMA_VERSION_V2,
} from './integration-events.js';
import { LOGGED_EVENT_SCHEMA } from './internal-events.js';
import { HEADERS, TOPICS } from './topics.js';

const messageName = (type: string) =>
  type
    .split(/[.-]/)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');

const headers = {
  type: 'object',
  required: [HEADERS.eventId, HEADERS.eventType, HEADERS.schemaVersion],
  properties: {
    [HEADERS.eventId]: { type: 'string', format: 'uuid' },
    [HEADERS.eventType]: { type: 'string' },
    [HEADERS.schemaVersion]: { type: 'string' },
    [HEADERS.correlationId]: { type: 'string' },
    [HEADERS.contentType]: { const: 'application/json' },
  },
};

/** v2's headers: v1's, and the MPP, always. */
const headersV2 = {
  ...headers,
  required: [...headers.required, HEADERS.tenant],
  properties: {
    ...headers.properties,
    [HEADERS.tenant]: { type: 'string', description: "The MPP, as the message's tenant field names it" },
  },
};

/** Strips the JSON Schema keywords AsyncAPI's schema object does not need at the top ($id). */
const withoutId = (s: object) => Object.fromEntries(Object.entries(s).filter(([k]) => k !== '$id'));

/**
 * The AsyncAPI 3.0 document of Berkas's Kafka interface, built from the same
 * schemas the producer and the consumers validate with (docs/asyncapi.json is
 * this, written by `npm run asyncapi`; a test keeps them equal).
 */
export function asyncApiDocument(): Record<string, unknown> {
  const messages: Record<string, unknown> = {};
  for (const type of INTEGRATION_EVENT_TYPES) {
    messages[messageName(type)] = {
      name: type,
      title: type,
      contentType: 'application/json',
      headers,
      bindings: { kafka: { key: { type: 'string', format: 'uuid', description: 'dossierId' }, bindingVersion: '0.5.0' } },
      payload: {
        allOf: [
          { $ref: '#/components/schemas/IntegrationEventEnvelope' },
          { type: 'object', properties: { type: { const: type }, data: INTEGRATION_EVENT_DATA[type] } },
        ],
      },
    };
  }
  // Version 2 (issue 23): its own topic, its own messages (V2...), published beside v1 for the migration window.
  const messagesV2: Record<string, unknown> = {};
  for (const type of INTEGRATION_EVENT_TYPES_V2) {
    messagesV2[`V2${messageName(type)}`] = {
      name: type,
      title: `${type} (v2)`,
      contentType: 'application/json',
      headers: headersV2,
      bindings: { kafka: { key: { type: 'string', format: 'uuid', description: 'dossierId' }, bindingVersion: '0.5.0' } },
      payload: {
        allOf: [
          { $ref: '#/components/schemas/IntegrationEventEnvelopeV2' },
          { type: 'object', properties: { type: { const: type }, data: INTEGRATION_EVENT_DATA_V2[type] } },
        ],
      },
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Berkas integration events',
      version: `${INTEGRATION_SCHEMA_VERSION_V2}.0.0`,
      description:
        'What happens to a permit dossier at the Mal Pelayanan Publik, published once per event, at least once (deduplicate on eventId), ' +
        'in order per dossier (the key). Public-safe: no NIK, no names, no PIN, no officers. Two versions of the topic are published ' +
        'side by side (docs/contract-policy.md): v2 names the MPP of every message and carries what v1 was closed to; v1 stops after ' +
        'its announced migration window.',
    },
    defaultContentType: 'application/json',
    channels: {
      dossierEvents: {
        address: TOPICS.dossierEvents,
        description: 'Integration events (the public contract). Partitioned by dossierId.',
        messages: Object.fromEntries(Object.keys(messages).map((m) => [m, { $ref: `#/components/messages/${m}` }])),
        bindings: { kafka: { partitions: 12, replicas: 3, bindingVersion: '0.5.0' } },
      },
      dossierEventsV2: {
        address: TOPICS.dossierEventsV2,
        description: 'Integration events, version 2 (the public contract): every message names its MPP (tenant). Partitioned by dossierId.',
        messages: Object.fromEntries(Object.keys(messagesV2).map((m) => [m, { $ref: `#/components/messages/${m}` }])),
        bindings: { kafka: { partitions: 12, replicas: 3, bindingVersion: '0.5.0' } },
      },
      eventLog: {
        address: TOPICS.eventLog,
        description: "Internal: the event log as stored, for Berkas's own projectors. Restricted by ACL; not a contract.",
        messages: { LoggedEvent: { $ref: '#/components/messages/LoggedEvent' } },
      },
    },
    operations: {
      publishDossierEvents: {
        action: 'send',
        channel: { $ref: '#/channels/dossierEvents' },
        summary: 'The relay publishes each committed event, after the broker acknowledged (acks=all, idempotent producer)',
        messages: Object.keys(messages).map((m) => ({ $ref: `#/channels/dossierEvents/messages/${m}` })),
      },
      publishDossierEventsV2: {
        action: 'send',
        channel: { $ref: '#/channels/dossierEventsV2' },
        summary: 'The relay publishes each committed event on v2 too, in the same batch as v1',
        messages: Object.keys(messagesV2).map((m) => ({ $ref: `#/channels/dossierEventsV2/messages/${m}` })),
      },
      publishEventLog: {
        action: 'send',
        channel: { $ref: '#/channels/eventLog' },
        messages: [{ $ref: '#/channels/eventLog/messages/LoggedEvent' }],
      },
      projectEventLog: {
        action: 'receive',
        channel: { $ref: '#/channels/eventLog' },
        summary: 'The projector consumer group (berkas-projector) builds the read models',
        messages: [{ $ref: '#/channels/eventLog/messages/LoggedEvent' }],
      },
    },
    components: {
      schemas: { IntegrationEventEnvelope: INTEGRATION_ENVELOPE, IntegrationEventEnvelopeV2: INTEGRATION_ENVELOPE_V2 },
      messages: {
        ...messages,
        ...messagesV2,
        LoggedEvent: { name: 'logged-event', contentType: 'application/json', headers, payload: withoutId(LOGGED_EVENT_SCHEMA) },
      },
    },
  };
}
