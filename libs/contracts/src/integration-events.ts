import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

/**
 * The public contract: integration events that other agencies, notification
 * senders and analytics subscribe to on Kafka. Versioned on their own
 * (`schemaVersion`), so the internal event shapes may change without breaking
 * a subscriber. Public-safe by construction: every object is closed
 * (`additionalProperties: false`) and no field can carry a NIK, a name, a PIN
 * hash or an officer.
 */
export const INTEGRATION_SCHEMA_VERSION = 1;

const dueDate = { type: 'string', format: 'date-time', description: 'Deadline (end of the last working day, WIB), ISO 8601' } as const;
const stepId = { type: 'string', minLength: 1, maxLength: 64, description: 'Step of the service definition' } as const;
const desk = { type: 'string', minLength: 1, maxLength: 64, description: 'Desk (role of a room, never a person)' } as const;
const money = { type: 'integer', minimum: 0, description: 'Whole Rupiah' } as const;
const reasons = { type: 'array', items: { type: 'string', minLength: 1, maxLength: 500 }, maxItems: 20 } as const;
const closed = <P extends Record<string, unknown>, R extends readonly string[]>(properties: P, required: R) =>
  ({ type: 'object', additionalProperties: false, properties, required }) as const;

/** Data of each integration event type, as JSON Schema (draft 2020-12). */
export const INTEGRATION_EVENT_DATA = {
  'dossier.registered': closed(
    {
      service: closed({ code: { type: 'string' }, version: { type: 'integer', minimum: 1 } }, ['code', 'version']),
      requirements: { type: 'array', items: { type: 'string' }, description: 'Codes of the requirements received' },
      dueAt: dueDate,
    },
    ['service', 'requirements', 'dueAt'],
  ),
  'dossier.step-started': closed({ stepId, desks: { type: 'array', items: desk }, dueAt: dueDate }, ['stepId', 'desks', 'dueAt']),
  'dossier.step-completed': closed({ stepId, desk, outcome: { enum: ['forward', 'reject'] } }, ['stepId', 'desk', 'outcome']),
  'dossier.returned-for-correction': closed({ stepId, desk, reasons, clockPaused: { type: 'boolean' } }, [
    'stepId',
    'desk',
    'reasons',
    'clockPaused',
  ]),
  'dossier.corrections-resubmitted': closed({ stepId, desk, dueAt: dueDate }, ['stepId', 'desk', 'dueAt']),
  'dossier.inspection-scheduled': closed({ stepId, desk, scheduledFor: { type: 'string', format: 'date' } }, [
    'stepId',
    'desk',
    'scheduledFor',
  ]),
  'dossier.inspection-recorded': closed({ stepId, desk, result: { enum: ['passed', 'failed'] }, reportNumber: { type: 'string' } }, [
    'stepId',
    'desk',
    'result',
    'reportNumber',
  ]),
  'dossier.recommendation-recorded': closed({ stepId, desk, positive: { type: 'boolean' } }, ['stepId', 'desk', 'positive']),
  'dossier.fee-assessed': closed(
    {
      stepId,
      skrdNumber: { type: 'string', description: 'Number of the regional levy bill (SKRD)' },
      total: money,
      lines: { type: 'array', items: closed({ code: { type: 'string' }, amount: money }, ['code', 'amount']) },
      exemption: { type: 'string', description: 'Code of the legal exemption, when the fee is waived' },
    },
    ['stepId', 'skrdNumber', 'total', 'lines'],
  ),
  'dossier.fee-assessment-cancelled': closed(
    { stepId, skrdNumber: { type: 'string', description: 'The SKRD withdrawn for correction; a replacement follows' }, total: money },
    ['stepId', 'skrdNumber', 'total'],
  ),
  'dossier.payment-recorded': closed({ amount: money, paidTotal: money, outstanding: money, channel: { enum: ['cashier', 'bank'] } }, [
    'amount',
    'paidTotal',
    'outstanding',
    'channel',
  ]),
  'dossier.approved': closed({ stepId }, ['stepId']),
  'dossier.deemed-approved': closed({ atStepId: stepId, dueAt: dueDate }, ['atStepId', 'dueAt']),
  'dossier.rejected': closed({ stepId, reasons, letterNumber: { type: 'string' } }, ['stepId', 'reasons', 'letterNumber']),
  'dossier.permit-signed': closed({ stepId }, ['stepId']),
  'dossier.permit-issued': closed({ stepId, permitNumber: { type: 'string' } }, ['stepId', 'permitNumber']),
  'dossier.permit-handed-over': closed({ stepId }, ['stepId']),
  'dossier.withdrawn': closed({ atStepId: stepId }, []),
  'dossier.complaint-filed': closed(
    {
      complaintNumber: { type: 'string' },
      category: { enum: ['delay', 'fee', 'service', 'requirements', 'other'] },
      respondBy: { ...dueDate, description: 'When the MPP must have answered (end of a working day)' },
    },
    ['complaintNumber', 'category', 'respondBy'],
  ),
  'dossier.complaint-answered': closed({ complaintNumber: { type: 'string' } }, ['complaintNumber']),
  'dossier.permit-revoked': closed(
    { permitNumber: { type: 'string' }, reason: { type: 'string', description: 'Why the issuer revoked it (public)' } },
    ['permitNumber', 'reason'],
  ),
} as const;

export type IntegrationEventType = keyof typeof INTEGRATION_EVENT_DATA;
export const INTEGRATION_EVENT_TYPES = Object.keys(INTEGRATION_EVENT_DATA) as IntegrationEventType[];

/** The envelope every integration event travels in (its data is checked per type by INTEGRATION_EVENT_SCHEMA). */
export const INTEGRATION_ENVELOPE = {
  title: 'Berkas integration event, schema version 1',
  type: 'object',
  additionalProperties: false,
  required: ['eventId', 'type', 'schemaVersion', 'dossierId', 'registrationNumber', 'sequence', 'occurredAt', 'data'],
  properties: {
    eventId: { type: 'string', format: 'uuid', description: 'Unique per event: consumers deduplicate on it' },
    type: { enum: INTEGRATION_EVENT_TYPES },
    schemaVersion: { const: INTEGRATION_SCHEMA_VERSION },
    dossierId: { type: 'string', format: 'uuid' },
    registrationNumber: { type: 'string', minLength: 1, description: 'Printed on the receipt' },
    sequence: {
      type: 'integer',
      minimum: 1,
      description:
        "The event's place among the dossier's events published here: 1 for the first, and one more for each next (officer-only events are not published and not counted), so a gap means a message not yet received",
    },
    occurredAt: { type: 'string', format: 'date-time' },
    correlationId: { type: 'string', maxLength: 128, description: 'The request that caused it' },
    data: { type: 'object' },
  },
} as const;

/** The whole contract: the envelope, and the data schema its type names. */
export const INTEGRATION_EVENT_SCHEMA = {
  $id: 'https://berkas.example/schemas/integration-event.v1.json',
  ...INTEGRATION_ENVELOPE,
  allOf: INTEGRATION_EVENT_TYPES.map((t) => ({
    if: { properties: { type: { const: t } }, required: ['type'] },
    then: { properties: { data: INTEGRATION_EVENT_DATA[t] } },
  })),
} as const;

export interface IntegrationEvent {
  eventId: string;
  type: IntegrationEventType;
  schemaVersion: typeof INTEGRATION_SCHEMA_VERSION;
  dossierId: string;
  registrationNumber: string;
  sequence: number;
  occurredAt: string;
  correlationId?: string;
  data: Record<string, unknown>;
}

/** A message that breaks its contract, with where and why (for the dead-letter log). */
export class ContractViolation extends Error {
  constructor(
    readonly schema: string,
    readonly problems: { field: string; reason: string }[],
  ) {
    super(`${schema}: ${problems.map((p) => `${p.field || '(message)'} ${p.reason}`).join('; ')}`);
    this.name = 'ContractViolation';
  }
}

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
// Formats are checked by pattern here (ajv-formats would be one more dependency for three formats).
ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);

export const problemsOf = (errors: ErrorObject[] | null | undefined): { field: string; reason: string }[] =>
  (errors ?? [])
    .filter((e) => e.keyword !== 'if')
    .map((e) => ({ field: e.instancePath.slice(1).replaceAll('/', '.'), reason: e.message ?? e.keyword }));

export function compile<T>(name: string, schema: object): (value: unknown) => T {
  const check: ValidateFunction = ajv.compile(schema);
  return (value: unknown): T => {
    if (!check(value)) throw new ContractViolation(name, problemsOf(check.errors));
    return value as T;
  };
}

/** Validates an integration event; throws ContractViolation naming each field that breaks the contract. */
export const validateIntegrationEvent = compile<IntegrationEvent>('integration-event.v1', INTEGRATION_EVENT_SCHEMA);

// ---------------------------------------------------------------------------------------------------------------
// Version 2 (issue 23, docs/contract-policy.md): topic berkas.dossier-events.v2, published beside v1 for the
// migration window. Every message names its MPP; what the domain learnt since v1 was frozen is published.

export const INTEGRATION_SCHEMA_VERSION_V2 = 2;

const dueDateV2 = {
  type: 'string',
  format: 'date-time',
  description: "Deadline (end of the last working day in the MPP's zone), ISO 8601",
} as const;
const channel = {
  enum: ['cashier', 'bank', 'qris'],
  description: 'Where the money was paid: the cashier, a bank transfer or virtual account, QRIS',
} as const;
const version = { type: 'integer', minimum: 1, description: "Version of the service's definition" } as const;

/** Data of each v2 integration event type: v1's, with the changes and additions v1 could not take. */
export const INTEGRATION_EVENT_DATA_V2 = {
  ...INTEGRATION_EVENT_DATA,
  'dossier.registered': closed(
    {
      service: closed({ code: { type: 'string' }, version }, ['code', 'version']),
      requirements: { type: 'array', items: { type: 'string' }, description: 'Codes of the requirements received' },
      dueAt: dueDateV2,
    },
    ['service', 'requirements', 'dueAt'],
  ),
  'dossier.step-started': closed(
    {
      stepId,
      desks: { type: 'array', items: desk },
      dueAt: dueDateV2,
      skipped: {
        type: 'array',
        items: stepId,
        description: "Conditional steps passed by on the way here: their condition did not hold for the dossier's data",
      },
    },
    ['stepId', 'desks', 'dueAt'],
  ),
  'dossier.fee-assessed': closed(
    {
      stepId,
      document: { enum: ['SKRD', 'SKPD'], description: 'SKRD for a regional levy (retribusi), SKPD for a regional tax' },
      skrdNumber: { type: 'string', description: 'Number of the bill (SKRD or SKPD)' },
      total: money,
      lines: {
        type: 'array',
        items: closed(
          {
            code: { type: 'string' },
            amount: money,
            refundable: { type: 'boolean', description: 'A deposit (removal bond), returned later: not a fee or a tax' },
          },
          ['code', 'amount', 'refundable'],
        ),
      },
      exemption: { type: 'string', description: 'Code of the legal exemption, when the fee is waived' },
    },
    ['stepId', 'document', 'skrdNumber', 'total', 'lines'],
  ),
  'dossier.payment-recorded': closed({ amount: money, paidTotal: money, outstanding: money, channel }, [
    'amount',
    'paidTotal',
    'outstanding',
    'channel',
  ]),
  'dossier.payment-corrected': closed({ previousAmount: money, amount: money, paidTotal: money, outstanding: money, channel }, [
    'previousAmount',
    'amount',
    'paidTotal',
    'outstanding',
    'channel',
  ]),
  'dossier.deposit-refunded': closed({ code: { type: 'string', description: 'The fee line of the deposit' }, amount: money }, [
    'code',
    'amount',
  ]),
  'dossier.deemed-approved': closed({ atStepId: stepId, dueAt: dueDateV2 }, ['atStepId', 'dueAt']),
  'dossier.corrections-resubmitted': closed({ stepId, desk, dueAt: dueDateV2 }, ['stepId', 'desk', 'dueAt']),
  'dossier.complaint-filed': closed(
    {
      complaintNumber: { type: 'string' },
      category: { enum: ['delay', 'fee', 'service', 'requirements', 'other'] },
      respondBy: { ...dueDateV2, description: "When the MPP must have answered (end of a working day in the MPP's zone)" },
    },
    ['complaintNumber', 'category', 'respondBy'],
  ),
  'dossier.sent-back': closed(
    { stepId, desk, toStepId: { ...stepId, description: 'The earlier step the dossier went back to (a step-started follows)' } },
    ['stepId', 'desk', 'toStepId'],
  ),
  'dossier.migrated': closed(
    {
      from: closed({ version, stepId }, ['version', 'stepId']),
      to: closed({ version, stepId }, ['version', 'stepId']),
      dueAt: { ...dueDateV2, description: 'The service deadline under the new version, from the registration' },
    },
    ['from', 'to', 'dueAt'],
  ),
  'dossier.step-repaired': closed(
    { fromStepId: stepId, toStepId: stepId, repeat: { type: 'boolean', description: 'The step was started again from the beginning' } },
    ['fromStepId', 'toStepId', 'repeat'],
  ),
} as const;

export type IntegrationEventTypeV2 = keyof typeof INTEGRATION_EVENT_DATA_V2;
export const INTEGRATION_EVENT_TYPES_V2 = Object.keys(INTEGRATION_EVENT_DATA_V2) as IntegrationEventTypeV2[];

/** The v2 envelope: v1's, with the MPP. */
export const INTEGRATION_ENVELOPE_V2 = {
  ...INTEGRATION_ENVELOPE,
  title: 'Berkas integration event, schema version 2',
  required: [...INTEGRATION_ENVELOPE.required, 'tenant'],
  properties: {
    ...INTEGRATION_ENVELOPE.properties,
    type: { enum: INTEGRATION_EVENT_TYPES_V2 },
    schemaVersion: { const: INTEGRATION_SCHEMA_VERSION_V2 },
    tenant: {
      type: 'string',
      pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$',
      maxLength: 63,
      description: 'The MPP (a regency or city) the dossier belongs to, by its code: registration numbers are unique within it',
    },
    registrationNumber: { type: 'string', minLength: 1, description: 'Printed on the receipt; unique within the MPP (tenant)' },
  },
} as const;

export const INTEGRATION_EVENT_SCHEMA_V2 = {
  $id: 'https://berkas.example/schemas/integration-event.v2.json',
  ...INTEGRATION_ENVELOPE_V2,
  allOf: INTEGRATION_EVENT_TYPES_V2.map((t) => ({
    if: { properties: { type: { const: t } }, required: ['type'] },
    then: { properties: { data: INTEGRATION_EVENT_DATA_V2[t] } },
  })),
} as const;

export interface IntegrationEventV2 extends Omit<IntegrationEvent, 'type' | 'schemaVersion'> {
  type: IntegrationEventTypeV2;
  schemaVersion: typeof INTEGRATION_SCHEMA_VERSION_V2;
  tenant: string;
}

/** Validates a v2 integration event; throws ContractViolation naming each field that breaks the contract. */
export const validateIntegrationEventV2 = compile<IntegrationEventV2>('integration-event.v2', INTEGRATION_EVENT_SCHEMA_V2);
