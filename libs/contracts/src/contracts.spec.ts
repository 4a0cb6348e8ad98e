import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { asyncApiDocument } from './asyncapi.js';
import { breakingChanges } from './compatibility.js';
import {
  ContractViolation,
  INTEGRATION_EVENT_TYPES,
  INTEGRATION_EVENT_TYPES_V2,
  validateIntegrationEvent,
  validateIntegrationEventV2,
} from './integration-events.js';
import { validateLoggedEvent } from './internal-events.js';
import { TOPICS } from './topics.js';

const base = {
  eventId: '0b5c8f3e-6f1a-4c8e-9a57-3f0d2b1c4e5a',
  schemaVersion: 1,
  dossierId: '7d1e2f3a-4b5c-4d6e-8f70-81a2b3c4d5e6',
  registrationNumber: 'PBG-2026-000001',
  sequence: 2,
  occurredAt: '2026-03-02T02:00:00.000Z',
};
const samples: Record<string, Record<string, unknown>> = {
  'dossier.registered': { service: { code: 'pbg', version: 1 }, requirements: ['ktp'], dueAt: '2026-03-30T09:59:59.999Z' },
  'dossier.step-started': { stepId: 'verifikasi', desks: ['back-office'], dueAt: '2026-03-04T09:59:59.999Z' },
  'dossier.step-completed': { stepId: 'verifikasi', desk: 'back-office', outcome: 'forward' },
  'dossier.returned-for-correction': { stepId: 'verifikasi', desk: 'back-office', reasons: ['KTP buram'], clockPaused: true },
  'dossier.corrections-resubmitted': { stepId: 'verifikasi', desk: 'back-office', dueAt: '2026-04-01T09:59:59.999Z' },
  'dossier.inspection-scheduled': { stepId: 'survei', desk: 'dinas-pupr', scheduledFor: '2026-03-10' },
  'dossier.inspection-recorded': { stepId: 'survei', desk: 'dinas-pupr', result: 'passed', reportNumber: 'BA-1' },
  'dossier.recommendation-recorded': { stepId: 'tpa', desk: 'tpa', positive: true },
  'dossier.fee-assessed': {
    stepId: 'retribusi',
    skrdNumber: 'SKRD/2026/000001',
    total: 1_000_000,
    lines: [{ code: 'pokok', amount: 1_000_000 }],
  },
  'dossier.fee-assessment-cancelled': { stepId: 'retribusi', skrdNumber: 'SKRD/2026/000001', total: 1_000_000 },
  'dossier.complaint-filed': { complaintNumber: 'ADU-7K3M9Q', category: 'delay', respondBy: '2026-12-11T16:59:59.999Z' },
  'dossier.complaint-answered': { complaintNumber: 'ADU-7K3M9Q' },
  'dossier.permit-revoked': { permitNumber: 'PBG/2026/000001', reason: 'Bangunan menyalahi izin' },
  'dossier.payment-recorded': { amount: 1_000_000, paidTotal: 1_000_000, outstanding: 0, channel: 'bank' },
  'dossier.approved': { stepId: 'kabid' },
  'dossier.deemed-approved': { atStepId: 'kabid', dueAt: '2026-03-30T09:59:59.999Z' },
  'dossier.rejected': { stepId: 'kabid', reasons: ['Tidak sesuai tata ruang'], letterNumber: 'TOLAK/2026/000001' },
  'dossier.permit-signed': { stepId: 'ttd' },
  'dossier.permit-issued': { stepId: 'terbit', permitNumber: 'PBG/2026/000001' },
  'dossier.permit-handed-over': { stepId: 'serah' },
  'dossier.withdrawn': { atStepId: 'verifikasi' },
};

/** v2: v1's samples with what changed, and the new types. */
const baseV2 = { ...base, schemaVersion: 2, tenant: 'kota-denpasar', registrationNumber: 'DPS-PBG-2026-000001' };
const samplesV2: Record<string, Record<string, unknown>> = {
  ...samples,
  'dossier.step-started': { ...samples['dossier.step-started'], skipped: ['konsultasi-teknis-gedung-tinggi'] },
  'dossier.fee-assessed': {
    stepId: 'retribusi',
    document: 'SKPD',
    skrdNumber: 'SKPD/2026/000001',
    total: 1_500_000,
    lines: [
      { code: 'pajak-reklame', amount: 1_000_000, refundable: false },
      { code: 'jaminan-bongkar', amount: 500_000, refundable: true },
    ],
  },
  'dossier.payment-recorded': { amount: 1_000_000, paidTotal: 1_000_000, outstanding: 0, channel: 'qris' },
  'dossier.payment-corrected': { previousAmount: 100_000, amount: 1_000_000, paidTotal: 1_000_000, outstanding: 0, channel: 'bank' },
  'dossier.deposit-refunded': { code: 'jaminan-bongkar', amount: 500_000 },
  'dossier.sent-back': { stepId: 'keputusan', desk: 'kepala-dinas', toStepId: 'konsultasi-teknis' },
  'dossier.migrated': {
    from: { version: 2, stepId: 'konsultasi' },
    to: { version: 3, stepId: 'konsultasi-teknis' },
    dueAt: '2026-04-01T08:59:59.999Z',
  },
  'dossier.step-repaired': { fromStepId: 'retribusi', toStepId: 'konsultasi-teknis', repeat: false },
};

describe('integration events v2: every message names its MPP', () => {
  it('has a sample for every type, and every sample passes', () => {
    expect(Object.keys(samplesV2).sort()).toEqual([...INTEGRATION_EVENT_TYPES_V2].sort());
    for (const [type, data] of Object.entries(samplesV2))
      expect(validateIntegrationEventV2({ ...baseV2, type, data })).toMatchObject({ type, tenant: 'kota-denpasar' });
  });

  it('refuses a message without its MPP, and keeps v1 closed to what v2 adds', () => {
    const { tenant: _left, ...untenanted } = baseV2;
    expect(() => validateIntegrationEventV2({ ...untenanted, type: 'dossier.approved', data: { stepId: 'x' } })).toThrow(
      /must have required property 'tenant'/,
    );
    expect(() =>
      validateIntegrationEventV2({ ...baseV2, tenant: 'Kota Denpasar', type: 'dossier.approved', data: { stepId: 'x' } }),
    ).toThrow(/tenant must match pattern/);
    // A v1 message is not a v2 one, nor the other way round.
    expect(() => validateIntegrationEventV2({ ...base, tenant: 'kota-denpasar', type: 'dossier.approved', data: { stepId: 'x' } })).toThrow(
      /schemaVersion/,
    );
    expect(() => validateIntegrationEvent({ ...base, type: 'dossier.sent-back', data: samplesV2['dossier.sent-back'] })).toThrow(
      /type must be equal to one of the allowed values/,
    );
    expect(() =>
      validateIntegrationEvent({ ...base, type: 'dossier.payment-recorded', data: samplesV2['dossier.payment-recorded'] }),
    ).toThrow(/data\.channel must be equal to one of the allowed values/);
    // Still closed: no private field gets through v2 either.
    expect(() =>
      validateIntegrationEventV2({
        ...baseV2,
        type: 'dossier.sent-back',
        data: { ...samplesV2['dossier.sent-back'], reasons: ['salah hitung'] },
      }),
    ).toThrow(/data must NOT have additional properties/);
  });
});

describe('integration events: the public contract', () => {
  it('has a sample for every type, and every sample passes', () => {
    expect(Object.keys(samples).sort()).toEqual([...INTEGRATION_EVENT_TYPES].sort());
    for (const [type, data] of Object.entries(samples)) expect(validateIntegrationEvent({ ...base, type, data })).toMatchObject({ type });
  });

  it('refuses private fields and wrong shapes, naming the field', () => {
    const leak = () =>
      validateIntegrationEvent({
        ...base,
        type: 'dossier.registered',
        data: { ...samples['dossier.registered'], nik: '3273011508800001' },
      });
    expect(leak).toThrow(ContractViolation);
    expect(leak).toThrow(/data must NOT have additional properties/);
    expect(() => validateIntegrationEvent({ ...base, applicantName: 'Budi', type: 'dossier.approved', data: { stepId: 'x' } })).toThrow(
      /must NOT have additional properties/,
    );
    expect(() =>
      validateIntegrationEvent({ ...base, type: 'dossier.fee-assessed', data: { ...samples['dossier.fee-assessed'], total: -5 } }),
    ).toThrow(/data\.total must be >= 0/);
    expect(() => validateIntegrationEvent({ ...base, type: 'dossier.unknown', data: {} })).toThrow(
      /type must be equal to one of the allowed values/,
    );
    expect(() => validateIntegrationEvent({ ...base, schemaVersion: 2, type: 'dossier.approved', data: { stepId: 'x' } })).toThrow(
      /schemaVersion/,
    );
  });

  it('checks internal log entries where they are consumed', () => {
    expect(() => validateLoggedEvent({ eventId: 'not-a-uuid' })).toThrow(ContractViolation);
  });
});

describe('the AsyncAPI document', () => {
  const doc = asyncApiDocument() as {
    asyncapi: string;
    channels: Record<string, { address: string; messages: Record<string, unknown> }>;
    components: { schemas: Record<string, object>; messages: Record<string, { name: string; payload: object }> };
  };

  it('is what docs/asyncapi.json holds (run `npm run asyncapi` after changing a schema)', () => {
    expect(JSON.parse(readFileSync('docs/asyncapi.json', 'utf8'))).toEqual(doc);
  });

  it('describes every integration event type on the public topic, with payloads that accept exactly what the validator accepts', () => {
    expect(doc.asyncapi).toBe('3.0.0');
    expect(doc.channels.dossierEvents.address).toBe(TOPICS.dossierEvents);
    expect(doc.channels.eventLog.address).toBe(TOPICS.eventLog);
    expect(doc.channels.dossierEventsV2.address).toBe(TOPICS.dossierEventsV2);
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    ajv.addSchema({ $id: 'asyncapi', components: doc.components });
    for (const [channel, types, envelope, data] of [
      ['dossierEvents', INTEGRATION_EVENT_TYPES, base, samples],
      ['dossierEventsV2', INTEGRATION_EVENT_TYPES_V2, baseV2, samplesV2],
    ] as const) {
      const messages = Object.keys(doc.channels[channel].messages).map((id) => doc.components.messages[id]);
      expect(messages.map((m) => m.name).sort()).toEqual([...types].sort());
      for (const m of messages) {
        const payload = JSON.parse(JSON.stringify(m.payload).replaceAll('"#/components/', '"asyncapi#/components/'));
        const check = ajv.compile(payload);
        const type = m.name;
        expect(check({ ...envelope, type, data: data[type] })).toBe(true);
        // Another type's data, or a private field, is refused by the document as by the validator.
        expect(check({ ...envelope, type, data: { ...data[type], nik: '3273011508800001' } })).toBe(false);
        expect(check({ ...envelope, type: type === 'dossier.approved' ? 'dossier.rejected' : 'dossier.approved', data: data[type] })).toBe(
          false,
        );
      }
    }
    // v2's messages name their MPP in the envelope and in a header.
    const v2 = doc.components.messages.V2DossierApproved as unknown as { headers: { required: string[] } };
    expect(v2.headers.required).toContain('berkas-tenant');
    const check = ajv.compile(
      JSON.parse(JSON.stringify(doc.components.messages.V2DossierApproved.payload).replaceAll('"#/components/', '"asyncapi#/components/')),
    );
    expect(check({ ...base, schemaVersion: 2, type: 'dossier.approved', data: { stepId: 'x' } })).toBe(false);
  });

  it('breaks no subscriber of the released document (docs/contract/asyncapi.released.json, docs/contract-policy.md)', () => {
    const released = JSON.parse(readFileSync('docs/contract/asyncapi.released.json', 'utf8')) as object;
    expect(breakingChanges(released, doc)).toEqual([]);
  });

  it('names the changes that would break a subscriber, and lets documentation change', () => {
    const released = JSON.parse(readFileSync('docs/contract/asyncapi.released.json', 'utf8')) as typeof doc;
    const changed = (edit: (d: typeof doc) => void) => {
      const copy = JSON.parse(JSON.stringify(released)) as typeof doc;
      edit(copy);
      return breakingChanges(released, copy);
    };
    const registered = Object.keys(released.components.messages).find(
      (k) => released.components.messages[k].name === 'dossier.registered',
    )!;
    type Payload = { allOf: [unknown, { properties: { data: { properties: Record<string, object>; required: string[] } } }] };
    const data = (d: typeof doc) => (d.components.messages[registered].payload as Payload).allOf[1].properties.data;
    // A new field in a closed schema: a subscriber validating with the released document refuses the message.
    expect(changed((d) => (data(d).properties.building = { type: 'string' }))).toEqual([
      `message ${registered} (dossier.registered) changed its payload schema`,
    ]);
    // A field no longer required, or removed.
    expect(changed((d) => (data(d).required = data(d).required.slice(1)))).toHaveLength(1);
    // A new event type on the same topic.
    expect(
      changed((d) => {
        d.channels.dossierEvents.messages.DossierArchived = { $ref: '#/components/messages/DossierArchived' };
      }),
    ).toEqual([
      `message DossierArchived is new on ${TOPICS.dossierEvents}: subscribers of the released document reject its type (publish it on a new topic version)`,
    ]);
    // A topic renamed.
    expect(changed((d) => (d.channels.dossierEvents.address = 'berkas.dossier-events.v2'))).toHaveLength(1);
    // Words only: fine.
    expect(
      changed((d) => {
        (data(d).properties as Record<string, { description?: string }>).requirements.description = 'Requirement codes handed in';
      }),
    ).toEqual([]);
  });
});
