import { StreamGapError } from '../projector/quarantine.js';
import { maskName, type PublicStatus, type ServiceCatalogue } from '#berkas/domain';
import type { DossierSummary } from './summary.types.js';

export type { DossierSummary };
import type { ProjectedEvent } from '../projector/projection.js';

function publicStatusOf(s: DossierSummary): PublicStatus {
  switch (s.lifecycle) {
    case 'returned':
      return 'returned';
    case 'issued':
      return 'ready-for-collection';
    case 'handed-over':
      return 'completed';
    case 'rejected':
      return 'rejected';
    case 'withdrawn':
      return 'withdrawn';
    case 'revoked':
      return 'revoked';
    case 'in-process':
      return s.step?.kind === 'fee' && s.fee && s.fee.outstanding > 0 ? 'awaiting-payment' : 'in-process';
  }
}

/**
 * Folds one event into a dossier summary. Pure; both the officers' and the
 * public projection use it, so they can never disagree about a dossier.
 */
export function reduceSummary(
  prev: DossierSummary | undefined,
  p: ProjectedEvent,
  catalogue: ServiceCatalogue,
): DossierSummary | undefined {
  const e = p.event;
  if (e.type === 'DossierRegistered') {
    const def = catalogue.get(e.data.service.code, e.data.service.version);
    const s: DossierSummary = {
      dossierId: e.data.dossierId,
      ...(e.data.tenant ? { tenant: e.data.tenant } : {}),
      registrationNumber: e.data.registrationNumber,
      service: {
        ...e.data.service,
        name: def?.name ?? { id: e.data.service.code, en: e.data.service.code },
        fiktifPositif: def?.fiktifPositif ?? false,
      },
      applicant: e.data.applicant,
      applicantMasked: maskName(e.data.applicant.name),
      requirements: e.data.requirements,
      inputs: e.data.inputs,
      ...(e.data.particulars && Object.keys(e.data.particulars).length ? { particulars: e.data.particulars } : {}),
      ...(e.data.variant && e.data.variant !== 'baru' ? { variant: e.data.variant } : {}),
      ...(e.data.previousPermit ? { previousPermit: e.data.previousPermit } : {}),
      lifecycle: 'in-process',
      publicStatus: 'in-process',
      registeredAt: e.data.registeredAt,
      due: e.data.due,
      step: null,
      holders: {},
      rejectionRecommended: false,
      correction: null,
      inspection: null,
      recommendations: [],
      fee: null,
      decision: null,
      permit: null,
      withdrawal: null,
      closedAt: null,
    };
    return s;
  }
  if (!prev) return undefined;
  const s: DossierSummary = { ...prev };
  switch (e.type) {
    case 'StepStarted': {
      const def = catalogue.get(s.service.code, s.service.version);
      const step = def?.steps[e.data.stepIndex];
      s.step = {
        id: e.data.stepId,
        index: e.data.stepIndex,
        kind: step?.kind ?? 'review',
        label: step?.label ?? { id: e.data.stepId, en: e.data.stepId },
        desks: e.data.desks,
        pendingDesks: e.data.desks,
        startedAt: p.at,
        due: e.data.due,
      };
      s.holders = {};
      s.inspection = null;
      s.rejectionRecommended = e.data.rejectionRecommended;
      break;
    }
    case 'StepCompleted':
      if (s.step && e.data.stepId === s.step.id) s.step = { ...s.step, pendingDesks: [] };
      break;
    case 'DossierClaimed':
      s.holders = { ...s.holders, [e.data.desk]: e.data.officerId };
      break;
    case 'DossierReleased': {
      const { [e.data.desk]: _released, ...rest } = s.holders;
      s.holders = rest;
      break;
    }
    case 'DossierReassigned':
      s.holders = { ...s.holders, [e.data.desk]: e.data.toOfficerId };
      break;
    case 'DossierReturnedForCorrection':
      s.lifecycle = 'returned';
      s.correction = { desk: e.data.desk, reasons: e.data.reasons, returnedAt: p.at, clockPaused: e.data.clockPaused };
      break;
    case 'CorrectionsResubmitted':
      s.lifecycle = 'in-process';
      s.correction = s.correction && { ...s.correction, resubmittedAt: p.at, pausedWorkingDays: e.data.pausedWorkingDays };
      s.due = e.data.due;
      if (s.step) s.step = { ...s.step, due: e.data.stepDue };
      break;
    case 'InspectionScheduled':
      s.inspection = { scheduledFor: e.data.scheduledFor, ...(e.data.inspector ? { inspector: e.data.inspector } : {}) };
      break;
    case 'InspectionRecorded':
      s.inspection = { scheduledFor: s.inspection?.scheduledFor ?? '', result: e.data.result, reportNumber: e.data.reportNumber };
      break;
    case 'RecommendationRecorded':
      s.recommendations = [
        ...s.recommendations,
        { stepId: e.data.stepId, desk: e.data.desk, positive: e.data.positive, note: e.data.note },
      ];
      if (s.step) s.step = { ...s.step, pendingDesks: s.step.pendingDesks.filter((d) => d !== e.data.desk) };
      break;
    case 'FeeAssessed':
      if (Object.keys(e.data.inputs).length) s.inputs = e.data.inputs;
      s.fee = {
        skrdNumber: e.data.skrdNumber,
        lines: e.data.lines,
        total: e.data.total,
        paid: 0,
        outstanding: e.data.total,
        ...(e.data.document ? { document: e.data.document } : {}),
        ...(e.data.tariffBasis ? { tariffBasis: e.data.tariffBasis } : {}),
        assessedAt: p.at,
      };
      break;
    case 'FeeAssessmentCancelled':
      s.fee = null;
      s.cancelledFees = [
        ...(s.cancelledFees ?? []),
        { skrdNumber: e.data.skrdNumber, total: e.data.total, reason: e.data.reason, at: p.at },
      ];
      break;
    case 'PaymentRecorded':
      s.fee = s.fee && {
        ...s.fee,
        paid: e.data.paidTotal,
        outstanding: e.data.outstanding,
        payments: [...(s.fee.payments ?? []), { reference: e.data.reference, channel: e.data.channel, amount: e.data.amount, at: p.at }],
      };
      break;
    case 'PaymentCorrected': {
      const { reference, channel, amount, previousAmount, reason } = e.data;
      s.fee = s.fee && {
        ...s.fee,
        paid: e.data.paidTotal,
        outstanding: e.data.outstanding,
        payments: (s.fee.payments ?? []).map((x) =>
          x.reference === reference && x.channel === channel ? { ...x, amount, corrected: { from: previousAmount, reason, at: p.at } } : x,
        ),
      };
      break;
    }
    case 'DossierApproved':
    case 'DossierDeemedApproved': {
      const { permitNumber, verificationCode } = e.data;
      s.decision = {
        approved: true,
        at: p.at,
        ...(e.type === 'DossierDeemedApproved' ? { deemed: true } : {}),
        ...(permitNumber ? { permitNumber } : {}),
        ...(verificationCode ? { verificationCode } : {}),
      };
      break;
    }
    case 'DossierRejected':
      s.decision = { approved: false, at: p.at, reasons: e.data.reasons, letterNumber: e.data.letterNumber };
      s.lifecycle = 'rejected';
      s.closedAt = p.at;
      s.step = s.step && { ...s.step, pendingDesks: [] };
      break;
    case 'PermitSigned':
      // The number shows from the issuance on (the signed file already carries it).
      s.permit = {
        number: '',
        verificationCode: '',
        issuedAt: '',
        signedAt: p.at,
        ...(e.data.document ? { signature: e.data.document } : {}),
      };
      break;
    case 'PermitIssued':
      s.permit = { ...(s.permit ?? {}), number: e.data.permitNumber, verificationCode: e.data.verificationCode, issuedAt: p.at };
      s.lifecycle = 'issued';
      break;
    case 'PermitHandedOver':
      s.permit = s.permit && { ...s.permit, handedOverAt: p.at };
      s.lifecycle = 'handed-over';
      s.closedAt = p.at;
      break;
    case 'ComplaintFiled':
      s.complaints = [
        ...(s.complaints ?? []),
        { number: e.data.complaintNumber, category: e.data.category, text: e.data.text, filedAt: p.at, respondBy: e.data.respondBy },
      ];
      break;
    case 'ComplaintAnswered':
      s.complaints = (s.complaints ?? []).map((c) =>
        c.number === e.data.complaintNumber
          ? { ...c, answer: e.data.answer, answeredAt: p.at, ...(e.data.duplicateOf ? { duplicateOf: e.data.duplicateOf } : {}) }
          : c,
      );
      break;
    case 'DocumentAttached': {
      const attached = { ...e.data, by: p.officerId ?? 'system', at: p.at };
      s.documents = [
        ...(s.documents ?? []).map((d) =>
          d.sha256 === e.data.replaces && d.requirement === e.data.requirement ? { ...d, replacedAt: p.at } : d,
        ),
        attached,
      ];
      break;
    }
    case 'RetentionApplied':
      s.documents = s.documents?.map((d) => ({ ...d, disposedAt: p.at }));
      s.retention = { appliedAt: p.at, filesYears: e.data.filesYears, basis: e.data.basis };
      break;
    case 'ReceiptReprinted':
      // The trail and the public timeline say it; the summary has nothing to change.
      break;
    case 'DossierMigrated': {
      // The StepStarted that follows is read against the new version's steps.
      const def = catalogue.get(s.service.code, e.data.to.version);
      s.service = { ...s.service, version: e.data.to.version, ...(def ? { name: def.name, fiktifPositif: def.fiktifPositif } : {}) };
      s.due = e.data.due;
      if (e.data.particulars) s.particulars = { ...s.particulars, ...e.data.particulars };
      if (e.data.inputs) s.inputs = { ...s.inputs, ...e.data.inputs };
      s.route = [...(s.route ?? []), { kind: 'migrated', at: p.at, from: e.data.from, to: e.data.to, reason: e.data.reason }];
      break;
    }
    case 'DossierSentBack':
      s.route = [
        ...(s.route ?? []),
        { kind: 'sent-back', at: p.at, fromStepId: e.data.stepId, toStepId: e.data.toStepId, desk: e.data.desk, reasons: e.data.reasons },
      ];
      break;
    case 'DossierStepRepaired':
      s.route = [
        ...(s.route ?? []),
        {
          kind: e.data.repeat ? 'repeated' : 'moved',
          at: p.at,
          fromStepId: e.data.fromStepId,
          toStepId: e.data.toStepId,
          reason: e.data.reason,
        },
      ];
      break;
    case 'DepositRefunded':
      s.fee = s.fee && { ...s.fee, depositRefund: { amount: e.data.amount, reference: e.data.reference, reason: e.data.reason, at: p.at } };
      break;
    case 'PermitRevoked':
      s.permit = s.permit && { ...s.permit, revoked: { at: p.at, reason: e.data.reason } };
      s.lifecycle = 'revoked';
      s.closedAt = s.closedAt ?? p.at;
      // An issued permit not yet collected leaves the handover desk's queue.
      s.step = s.step && { ...s.step, pendingDesks: [] };
      break;
    case 'DossierWithdrawn':
      s.withdrawal = { reason: e.data.reason, at: p.at };
      s.lifecycle = 'withdrawn';
      s.closedAt = p.at;
      s.step = s.step && { ...s.step, pendingDesks: [] };
      break;
  }
  s.publicStatus = publicStatusOf(s);
  return s;
}

export interface SummaryRow {
  version: number;
  summary: DossierSummary | undefined;
  /** A row written before versions were checked for gaps (its version may lag behind skipped events): trusted once. */
  unchecked?: boolean;
}

/**
 * Folds a batch into the dossiers' summaries in log order. An event at or
 * below a row's last applied stream version is skipped, which is what makes
 * applying an event twice a no-op; an event beyond the next version is a gap
 * and throws `StreamGapError`. `onApplied` sees each event that changed a
 * summary; the rows that changed are returned for writing.
 */
export async function foldNewEvents(
  events: ProjectedEvent[],
  current: Map<string, SummaryRow>,
  reduce: (prev: DossierSummary | undefined, p: ProjectedEvent) => DossierSummary | undefined,
  onApplied: (p: ProjectedEvent, next: DossierSummary) => Promise<void> | void,
): Promise<Map<string, { version: number; summary: DossierSummary }>> {
  const changed = new Map<string, { version: number; summary: DossierSummary }>();
  for (const p of events) {
    const row = current.get(p.dossierId);
    if (row && p.stored.streamVersion <= row.version) continue;
    // Each event must be the one after the last applied: a gap (a truncated topic, a new consumer group, a lost
    // message) would build a wrong row, so it fails the dossier into quarantine instead (D36).
    const expected = (row?.version ?? 0) + 1;
    if (p.stored.streamVersion !== expected && !row?.unchecked) throw new StreamGapError(p.dossierId, expected, p.stored.streamVersion);
    const next = reduce(row?.summary, p);
    if (!next) continue;
    current.set(p.dossierId, { version: p.stored.streamVersion, summary: next });
    changed.set(p.dossierId, { version: p.stored.streamVersion, summary: next });
    await onApplied(p, next);
  }
  return changed;
}
