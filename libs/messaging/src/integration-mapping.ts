import { dossierIdOf, type DossierEvent } from '#berkas/domain';
import {
  INTEGRATION_SCHEMA_VERSION,
  validateIntegrationEvent,
  type IntegrationEvent,
  type IntegrationEventType,
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
      return undefined;
    case 'DepositRefunded':
    case 'PaymentCorrected':
      // Not in v1 (no message type may be added to it): a subscriber's paid total is right again at the next
      // payment-recorded. Waits for berkas.dossier-events.v2 (docs/contract-policy.md, "Waiting for v2").
      return undefined;
  }
}

/** Whether a stored event goes to the public contract (officer-only events and other streams do not). */
export const isPublished = (stored: StoredEvent): boolean =>
  dossierIdOf(stored.streamId) !== undefined && publicData({ type: stored.type, data: stored.data } as DossierEvent) !== undefined;

/**
 * The integration event for a stored dossier event, validated against the
 * contract; undefined when it has none. `sequence`: its place among the
 * dossier's published events (the relay counts them).
 */
export function toIntegrationEvent(stored: StoredEvent, registrationNumber: string, sequence: number): IntegrationEvent | undefined {
  const dossierId = dossierIdOf(stored.streamId);
  if (!dossierId) return undefined;
  const mapped = publicData({ type: stored.type, data: stored.data } as DossierEvent);
  if (!mapped) return undefined;
  const meta = stored.metadata as { at?: string; correlationId?: string };
  return validateIntegrationEvent({
    eventId: stored.eventId,
    type: mapped[0],
    schemaVersion: INTEGRATION_SCHEMA_VERSION,
    dossierId,
    registrationNumber,
    sequence,
    occurredAt: new Date(meta.at ?? stored.recordedAt).toISOString(),
    ...(typeof meta.correlationId === 'string' ? { correlationId: meta.correlationId } : {}),
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
