import { dossierIdOf, type DossierEvent } from '#berkas/domain';
import {
  INTEGRATION_SCHEMA_VERSION,
  INTEGRATION_SCHEMA_VERSION_V2,
  validateIntegrationEvent,
  validateIntegrationEventV2,
  type IntegrationEvent,
  type IntegrationEventType,
  type IntegrationEventTypeV2,
  type IntegrationEventV2,
  type LoggedEvent,
} from '#berkas/contracts';
import type { StoredEvent } from '#berkas/event-store';

/**
 * Internal event -> public contract. Each case copies only fields that are
 * safe in public; the contract's closed schemas refuse anything else, so a new
 * internal field cannot leak by accident. Officer-only events (claims,
 * releases, reassignments) have no public counterpart.
 */
function publicData(e: DossierEvent): [IntegrationEventType, Record<string, unknown>] | undefined {
  switch (e.type) {
    case 'DossierRegistered':
      return ['dossier.registered', { service: e.data.service, requirements: e.data.requirements, dueAt: e.data.due.dueAt }];
    case 'StepStarted':
      return ['dossier.step-started', { stepId: e.data.stepId, desks: e.data.desks, dueAt: e.data.due.dueAt }];
    case 'StepCompleted':
      return ['dossier.step-completed', { stepId: e.data.stepId, desk: e.data.desk, outcome: e.data.outcome }];
    case 'DossierReturnedForCorrection':
      return [
        'dossier.returned-for-correction',
        { stepId: e.data.stepId, desk: e.data.desk, reasons: e.data.reasons, clockPaused: e.data.clockPaused },
      ];
    case 'CorrectionsResubmitted':
      return ['dossier.corrections-resubmitted', { stepId: e.data.stepId, desk: e.data.desk, dueAt: e.data.due.dueAt }];
    case 'InspectionScheduled':
      return ['dossier.inspection-scheduled', { stepId: e.data.stepId, desk: e.data.desk, scheduledFor: e.data.scheduledFor }];
    case 'InspectionRecorded':
      return [
        'dossier.inspection-recorded',
        { stepId: e.data.stepId, desk: e.data.desk, result: e.data.result, reportNumber: e.data.reportNumber },
      ];
    case 'RecommendationRecorded':
      return ['dossier.recommendation-recorded', { stepId: e.data.stepId, desk: e.data.desk, positive: e.data.positive }];
    case 'FeeAssessed':
      return [
        'dossier.fee-assessed',
        {
          stepId: e.data.stepId,
          skrdNumber: e.data.skrdNumber,
          total: e.data.total,
          lines: e.data.lines.map((l) => ({ code: l.code, amount: l.amount })),
          ...(e.data.exemption ? { exemption: e.data.exemption.code } : {}),
        },
      ];
    case 'FeeAssessmentCancelled':
      return ['dossier.fee-assessment-cancelled', { stepId: e.data.stepId, skrdNumber: e.data.skrdNumber, total: e.data.total }];
    case 'PaymentRecorded':
      return [
        'dossier.payment-recorded',
        // v1's closed enum knows cashier and bank; QRIS settles through a bank, so v1 says bank (v2 will name it).
        {
          amount: e.data.amount,
          paidTotal: e.data.paidTotal,
          outstanding: e.data.outstanding,
          channel: e.data.channel === 'qris' ? 'bank' : e.data.channel,
        },
      ];
    case 'DossierApproved':
      return ['dossier.approved', { stepId: e.data.stepId }];
    case 'DossierDeemedApproved':
      return ['dossier.deemed-approved', { atStepId: e.data.atStepId, dueAt: e.data.dueAt }];
    case 'DossierRejected':
      return ['dossier.rejected', { stepId: e.data.stepId, reasons: e.data.reasons, letterNumber: e.data.letterNumber }];
    case 'PermitSigned':
      return ['dossier.permit-signed', { stepId: e.data.stepId }];
    case 'PermitIssued':
      return ['dossier.permit-issued', { stepId: e.data.stepId, permitNumber: e.data.permitNumber }];
    case 'PermitHandedOver':
      return ['dossier.permit-handed-over', { stepId: e.data.stepId }];
    case 'DossierWithdrawn':
      return ['dossier.withdrawn', e.data.atStepId ? { atStepId: e.data.atStepId } : {}];
    // The text is the applicant's own words and may hold personal data: subscribers get the fact, the kind and the deadline.
    case 'ComplaintFiled':
      return [
        'dossier.complaint-filed',
        { complaintNumber: e.data.complaintNumber, category: e.data.category, respondBy: e.data.respondBy },
      ];
    case 'ComplaintAnswered':
      return ['dossier.complaint-answered', { complaintNumber: e.data.complaintNumber }];
    case 'PermitRevoked':
      return ['dossier.permit-revoked', { permitNumber: e.data.permitNumber, reason: e.data.reason }];
    case 'DossierClaimed':
    case 'DossierReleased':
    case 'DossierReassigned':
    case 'ReceiptReprinted':
      return undefined;
    case 'DocumentAttached':
    case 'RetentionApplied':
      // Not in v1 (no message type may be added to it), and a file's bytes never leave through Kafka: waits for v2.
      return undefined;
    case 'DossierSentBack':
    case 'DossierMigrated':
    case 'DossierStepRepaired':
      // Not in v1 (closed): the step-started that follows each says where the dossier went, which is what v1 tells.
      // v2 publishes them.
      return undefined;
    case 'DepositRefunded':
    case 'PaymentCorrected':
      // Not in v1 (no message type may be added to it): a subscriber's paid total is right again at the next
      // payment-recorded. v2 publishes them.
      return undefined;
  }
}

/**
 * Internal event -> public contract v2: what v1 could not carry (the MPP aside, which is in the envelope), else v1's
 * mapping. Officer-only events still have no public counterpart, and a file's bytes never leave through Kafka.
 */
function publicDataV2(e: DossierEvent): [IntegrationEventTypeV2, Record<string, unknown>] | undefined {
  switch (e.type) {
    case 'StepStarted':
      return [
        'dossier.step-started',
        {
          stepId: e.data.stepId,
          desks: e.data.desks,
          dueAt: e.data.due.dueAt,
          ...(e.data.skipped?.length ? { skipped: e.data.skipped } : {}),
        },
      ];
    case 'FeeAssessed':
      return [
        'dossier.fee-assessed',
        {
          stepId: e.data.stepId,
          document: e.data.document ?? 'SKRD',
          skrdNumber: e.data.skrdNumber,
          total: e.data.total,
          lines: e.data.lines.map((l) => ({ code: l.code, amount: l.amount, refundable: l.refundable === true })),
          ...(e.data.exemption ? { exemption: e.data.exemption.code } : {}),
        },
      ];
    case 'PaymentRecorded':
      return [
        'dossier.payment-recorded',
        { amount: e.data.amount, paidTotal: e.data.paidTotal, outstanding: e.data.outstanding, channel: e.data.channel },
      ];
    // The supervisor's reason and the bank reference stay inside: the figures are what a subscriber's books need.
    case 'PaymentCorrected':
      return [
        'dossier.payment-corrected',
        {
          previousAmount: e.data.previousAmount,
          amount: e.data.amount,
          paidTotal: e.data.paidTotal,
          outstanding: e.data.outstanding,
          channel: e.data.channel,
        },
      ];
    case 'DepositRefunded':
      return ['dossier.deposit-refunded', { code: e.data.code, amount: e.data.amount }];
    // Desks' reasons to each other are internal (the public timeline leaves them out too).
    case 'DossierSentBack':
      return ['dossier.sent-back', { stepId: e.data.stepId, desk: e.data.desk, toStepId: e.data.toStepId }];
    case 'DossierMigrated':
      return ['dossier.migrated', { from: e.data.from, to: e.data.to, dueAt: e.data.due.dueAt }];
    case 'DossierStepRepaired':
      return ['dossier.step-repaired', { fromStepId: e.data.fromStepId, toStepId: e.data.toStepId, repeat: e.data.repeat }];
    default:
      return publicData(e);
  }
}

/** Whether a stored event goes to the public contract of `version` (officer-only events and other streams do not). */
export const isPublished = (stored: StoredEvent, version: 1 | 2 = 1): boolean =>
  dossierIdOf(stored.streamId) !== undefined &&
  (version === 1 ? publicData : publicDataV2)({ type: stored.type, data: stored.data } as DossierEvent) !== undefined;

/**
 * The integration event for a stored dossier event, validated against the
 * contract; undefined when it has none. `sequence`: its place among the
 * dossier's published events (the relay counts them).
 */
export function toIntegrationEvent(stored: StoredEvent, registrationNumber: string, sequence: number): IntegrationEvent | undefined {
  const mapped = publicData({ type: stored.type, data: stored.data } as DossierEvent);
  const common = mapped && envelope(stored, registrationNumber, sequence);
  if (!mapped || !common) return undefined;
  return validateIntegrationEvent({ ...common, type: mapped[0], schemaVersion: INTEGRATION_SCHEMA_VERSION, data: mapped[1] });
}

/** What every version's envelope says of a stored dossier event; undefined for another stream. */
function envelope(stored: StoredEvent, registrationNumber: string, sequence: number) {
  const dossierId = dossierIdOf(stored.streamId);
  if (!dossierId) return undefined;
  const meta = stored.metadata as { at?: string; correlationId?: string };
  return {
    eventId: stored.eventId,
    dossierId,
    registrationNumber,
    sequence,
    occurredAt: new Date(meta.at ?? stored.recordedAt).toISOString(),
    ...(typeof meta.correlationId === 'string' ? { correlationId: meta.correlationId } : {}),
  };
}

/**
 * The v2 integration event for a stored dossier event, validated; undefined when it has none. `sequence` counts the
 * dossier's events published on v2 (more kinds than v1, so its own count). `home`: the MPP of events written before
 * tenants, which name none.
 */
export function toIntegrationEventV2(
  stored: StoredEvent,
  registrationNumber: string,
  sequence: number,
  home: string,
): IntegrationEventV2 | undefined {
  const mapped = publicDataV2({ type: stored.type, data: stored.data } as DossierEvent);
  const common = mapped && envelope(stored, registrationNumber, sequence);
  if (!mapped || !common) return undefined;
  const tenant = (stored.metadata as { tenant?: unknown }).tenant;
  return validateIntegrationEventV2({
    ...common,
    type: mapped[0],
    schemaVersion: INTEGRATION_SCHEMA_VERSION_V2,
    tenant: typeof tenant === 'string' ? tenant : home,
    data: mapped[1],
  });
}

export const toLoggedEvent = (e: StoredEvent): LoggedEvent => ({
  eventId: e.eventId,
  streamId: e.streamId,
  streamVersion: e.streamVersion,
  transactionId: e.transactionId,
  globalPosition: e.globalPosition,
  type: e.type,
  schemaVersion: e.schemaVersion,
  data: e.data,
  metadata: e.metadata,
  recordedAt: new Date(e.recordedAt).toISOString(),
});
