import { stepDesks } from '../catalogue/service-definition.js';
import { DomainError } from '../shared/domain-error.js';
import {
  acting,
  allowOutcome,
  atDesk,
  ensureActive,
  ensureFree,
  ensureInspectionPassed,
  ensurePaid,
  ensureSeparateDuties,
  dutyOfStep,
  requireRole,
} from './guards.js';
import { isOnlineApplicant, type CommandOf, type DossierCommand } from './dossier-commands.js';
import type { DossierEvent, StepOutcome } from './dossier-events.js';
import type { DossierState } from './dossier-state.js';
import { checkFeeInputs, computeFeeLines, needsTariff } from './fee.js';
import { checkParticulars } from './particulars.js';
import { tariffYear } from '../catalogue/tariffs.js';
import { assessFee, cancelFeeAssessment, correctPayment, pay, refundDeposit } from './fee-decisions.js';
import { applyRetention, attachDocument } from './document-decisions.js';
import { deemApproved } from './fiktif-positif.js';
import { advance, startStep } from './flow.js';
import { migrate, repairStep, sendBack } from './route-decisions.js';
import { documentNumber, type DecideContext } from './decide-context.js';

export type { DecideContext } from './decide-context.js';

/** Decides what a command means for a dossier. Pure: no clock, no I/O. */
export function decide(command: DossierCommand, state: DossierState, ctx: DecideContext): DossierEvent[] {
  if (command.type === 'RegisterDossier') return register(command, state, ctx);
  if (state.status === 'none') throw new DomainError('DOSSIER.NOT_FOUND', 'No such dossier');
  switch (command.type) {
    case 'ClaimDossier': {
      const { step, desk } = atDesk(state, ctx, command.metadata.actor, command.data.desk);
      if (state.holders[desk] === command.metadata.actor.officerId) return [];
      ensureFree(state, desk, command.metadata.actor);
      // Taking up a step one may not do would only keep it from the colleague who may.
      const duty = dutyOfStep(step.kind);
      if (duty) ensureSeparateDuties(state, ctx, command.metadata.actor, duty);
      return [{ type: 'DossierClaimed', data: { stepId: step.id, desk, officerId: command.metadata.actor.officerId } }];
    }
    case 'ReleaseDossier': {
      const { step, desk } = atDesk(state, ctx, command.metadata.actor, command.data.desk);
      if (state.holders[desk] !== command.metadata.actor.officerId)
        throw new DomainError('DOSSIER.NOT_HELD', 'You do not hold this dossier', { desk });
      return [{ type: 'DossierReleased', data: { stepId: step.id, desk, officerId: command.metadata.actor.officerId } }];
    }
    case 'ReassignDossier':
      return reassign(command, state, ctx);
    case 'CompleteStep':
      return complete(command, state, ctx);
    case 'ReturnForCorrection': {
      const { step, desk } = acting(state, ctx, command.metadata.actor, ['review', 'parallel-review'], command.data.desk);
      allowOutcome(step, 'return');
      return [
        {
          type: 'DossierReturnedForCorrection',
          data: { stepId: step.id, desk, reasons: command.data.reasons, clockPaused: ctx.definition.pauseClockWhileWithApplicant },
        },
      ];
    }
    case 'ResubmitCorrections':
      return resubmit(command, state, ctx);
    case 'ScheduleInspection': {
      const { step, desk } = acting(state, ctx, command.metadata.actor, ['review', 'parallel-review'], command.data.desk);
      allowOutcome(step, 'inspection');
      const { scheduledFor, inspector, note } = command.data;
      // Issue 20: a date in 2020 was accepted as a schedule.
      const today = ctx.calendar.localDate(command.metadata.at);
      if (scheduledFor < today)
        throw new DomainError('INSPECTION.DATE_PASSED', `${scheduledFor} has passed (today is ${today})`, { scheduledFor, today });
      const closed = ctx.calendar.closedReason(scheduledFor);
      if (closed)
        throw new DomainError('INSPECTION.NOT_A_WORKING_DAY', `${scheduledFor} is not a working day: ${closed}`, { scheduledFor, closed });
      return [
        {
          type: 'InspectionScheduled',
          data: { stepId: step.id, desk, scheduledFor, ...(inspector ? { inspector } : {}), ...(note ? { note } : {}) },
        },
      ];
    }
    case 'RecordInspection': {
      const { step, desk } = acting(state, ctx, command.metadata.actor, ['review', 'parallel-review'], command.data.desk);
      if (!state.inspection) throw new DomainError('INSPECTION.NOT_SCHEDULED', 'No inspection is scheduled at this step');
      const { result, reportNumber, findings } = command.data;
      return [{ type: 'InspectionRecorded', data: { stepId: step.id, desk, result, reportNumber, findings } }];
    }
    case 'RecordRecommendation':
      return recommend(command, state, ctx);
    case 'AssessFee':
      return assessFee(command, state, ctx);
    case 'CancelFeeAssessment':
      return cancelFeeAssessment(command, state, ctx);
    case 'RecordPayment':
      return pay(command, state, ctx);
    case 'CorrectPayment':
      return correctPayment(command, state, ctx);
    case 'ApproveDossier': {
      const { step, desk } = acting(state, ctx, command.metadata.actor, ['decision']);
      ensureSeparateDuties(state, ctx, command.metadata.actor, 'decision');
      if (state.rejectionRecommended)
        throw new DomainError(
          'DECISION.NEGATIVE_RECOMMENDATION',
          'A technical recommendation was negative: the dossier can only be rejected',
        );
      const { verificationCode } = command.data;
      const permitNumber = documentNumber(ctx, 'ApproveDossier');
      return [
        {
          type: 'DossierApproved',
          data: { stepId: step.id, desk, note: command.data.note, permitNumber, ...(verificationCode ? { verificationCode } : {}) },
        },
        ...advance(state, ctx, command.metadata.at, desk, 'forward'),
      ];
    }
    case 'RejectDossier': {
      const { step, desk } = acting(state, ctx, command.metadata.actor, ['decision']);
      ensureSeparateDuties(state, ctx, command.metadata.actor, 'decision');
      return [
        {
          type: 'DossierRejected',
          data: { stepId: step.id, desk, reasons: command.data.reasons, letterNumber: documentNumber(ctx, 'RejectDossier') },
        },
      ];
    }
    case 'SignPermit': {
      const { step, desk } = acting(state, ctx, command.metadata.actor, ['signing']);
      ensureSeparateDuties(state, ctx, command.metadata.actor, 'signature');
      const { document } = command.data;
      return [
        { type: 'PermitSigned', data: { stepId: step.id, desk, ...(document ? { document } : {}) } },
        ...advance(state, ctx, command.metadata.at, desk, 'forward'),
      ];
    }
    case 'IssuePermit': {
      const { step, desk } = acting(state, ctx, command.metadata.actor, ['issuance']);
      ensureSeparateDuties(state, ctx, command.metadata.actor, 'issuance');
      ensurePaid(state, ctx);
      // Numbered at the approval; a dossier approved before that draws it here.
      const permitNumber = state.permitNumber ?? documentNumber(ctx, 'IssuePermit');
      const verificationCode = state.verificationCode ?? command.data.verificationCode;
      return [
        { type: 'PermitIssued', data: { stepId: step.id, desk, permitNumber, verificationCode } },
        ...advance(state, ctx, command.metadata.at, desk, 'forward'),
      ];
    }
    case 'HandOverPermit': {
      if (state.status !== 'issued') throw new DomainError('DOSSIER.NOT_ACTIVE', 'The permit has not been issued');
      const { step, desk } = atDesk(state, ctx, command.metadata.actor, undefined, true);
      ensureFree(state, desk, command.metadata.actor);
      return [
        { type: 'PermitHandedOver', data: { stepId: step.id, desk, receivedBy: command.data.receivedBy } },
        { type: 'StepCompleted', data: { stepId: step.id, desk, outcome: 'forward' } },
      ];
    }
    case 'RecordDeemedApproval':
      return deemApproved(command, state, ctx);
    case 'SendBack':
      return sendBack(command, state, ctx);
    case 'MigrateDossier':
      return migrate(command, state, ctx);
    case 'RepairStep':
      return repairStep(command, state, ctx);
    case 'FileComplaint': {
      requireRole(command.metadata.actor, ['system', 'front-desk', 'supervisor']);
      const { complaintNumber, category, text, respondBy } = command.data;
      // Taken in twice (a retried intake): nothing new.
      if (state.complaints?.[complaintNumber]) return [];
      return [{ type: 'ComplaintFiled', data: { complaintNumber, category, text, respondBy } }];
    }
    case 'AnswerComplaint': {
      requireRole(command.metadata.actor, ['supervisor']);
      const complaint = state.complaints?.[command.data.complaintNumber];
      if (!complaint) throw new DomainError('COMPLAINT.NOT_FOUND', 'No complaint with this number on this dossier');
      if (complaint.answered) throw new DomainError('COMPLAINT.ALREADY_ANSWERED', 'This complaint has been answered');
      const { duplicateOf } = command.data;
      // Closed as the same as another complaint of this dossier (filed twice in other words): that one carries the answer.
      if (duplicateOf !== undefined && (duplicateOf === command.data.complaintNumber || !state.complaints?.[duplicateOf]))
        throw new DomainError(
          'COMPLAINT.NOT_A_DUPLICATE',
          'A complaint is closed as a duplicate of another complaint of the same dossier',
          {
            duplicateOf,
          },
        );
      return [
        {
          type: 'ComplaintAnswered',
          data: { complaintNumber: command.data.complaintNumber, answer: command.data.answer, ...(duplicateOf ? { duplicateOf } : {}) },
        },
      ];
    }
    case 'RevokePermit': {
      requireRole(command.metadata.actor, ['supervisor']);
      if (state.status === 'revoked') throw new DomainError('PERMIT.ALREADY_REVOKED', 'This permit is already revoked');
      if ((state.status !== 'issued' && state.status !== 'handed-over') || !state.permitNumber)
        throw new DomainError('PERMIT.NOT_ISSUED', 'Only an issued permit can be revoked');
      return [{ type: 'PermitRevoked', data: { permitNumber: state.permitNumber, reason: command.data.reason } }];
    }
    case 'ReprintReceipt':
      // At any stage: the receipt is how the applicant follows the dossier, whatever became of it.
      requireRole(command.metadata.actor, ['front-desk', 'supervisor']);
      return [{ type: 'ReceiptReprinted', data: { reason: command.data.reason } }];
    case 'RefundDeposit':
      return refundDeposit(command, state);
    case 'AttachDocument':
      return attachDocument(command, state, ctx);
    case 'ApplyRetention':
      return applyRetention(command, state, ctx);
    case 'WithdrawDossier': {
      if (state.status === 'issued' || state.status === 'handed-over')
        throw new DomainError('DOSSIER.ALREADY_ISSUED', 'An issued permit can no longer be withdrawn');
      ensureActive(state, true);
      requireRole(command.metadata.actor, ['front-desk', 'supervisor']);
      return [{ type: 'DossierWithdrawn', data: { reason: command.data.reason, atStepId: ctx.definition.steps[state.stepIndex]?.id } }];
    }
  }
}

/**
 * The variant applied for (new unless given) and, for a renewal or an
 * amendment, the previous permit it starts from: of this service, held by the
 * same applicant (NIK) and not revoked. The caller looks it up in the
 * register; the decider judges it.
 */
function checkVariant(def: DecideContext['definition'], data: CommandOf<'RegisterDossier'>['data']) {
  const code = data.variant ?? 'baru';
  const variant = def.variants.find((v) => v.code === code);
  if (!variant)
    throw new DomainError('REGISTRATION.UNKNOWN_VARIANT', `${def.code} does not take a "${code}" application`, {
      variants: def.variants.map((v) => v.code),
    });
  const previous = data.previousPermit;
  if (!variant.previousPermit) {
    if (previous) throw new DomainError('REGISTRATION.PREVIOUS_PERMIT_NOT_EXPECTED', 'A new application does not name a previous permit');
    return { code };
  }
  if (!previous)
    throw new DomainError(
      'REGISTRATION.PREVIOUS_PERMIT_REQUIRED',
      `A ${code} application names the permit it ${code === 'perpanjangan' ? 'renews' : 'changes'}`,
    );
  const refuse = (why: string, details: Record<string, unknown> = {}): never => {
    throw new DomainError('REGISTRATION.PREVIOUS_PERMIT_INVALID', `Permit ${previous.permitNumber} ${why}`, {
      permitNumber: previous.permitNumber,
      ...details,
    });
  };
  if (previous.serviceCode !== def.code) refuse(`is not a ${def.code} permit`, { service: previous.serviceCode });
  if (previous.holderNik !== data.applicant.nik) refuse('is held by someone else (another NIK)');
  if (previous.revoked) refuse('has been revoked');
  const { serviceCode: _s, holderNik: _n, revoked: _r, ...kept } = previous;
  return { code, previousPermit: kept };
}

function register(command: CommandOf<'RegisterDossier'>, state: DossierState, ctx: DecideContext): DossierEvent[] {
  if (state.status !== 'none') throw new DomainError('DOSSIER.ALREADY_REGISTERED', 'This dossier is already registered');
  const def = ctx.definition;
  // An application handed in online is accepted by the front desk, or by the verifier: an officer of the first step's desk.
  const actor = command.metadata.actor;
  const verifier = actor.role === 'processor' && stepDesks(def.steps[0]!).some((d) => actor.desks.includes(d));
  if (!(command.data.draft !== undefined && verifier)) requireRole(actor, ['front-desk']);
  const given = new Set(command.data.requirements);
  const known = new Set(def.requirements.map((r) => r.code));
  const unknown = [...given].filter((c) => !known.has(c));
  if (unknown.length)
    throw new DomainError('REGISTRATION.UNKNOWN_REQUIREMENT', `Not a requirement of ${def.code}: ${unknown.join(', ')}`, { unknown });
  // An incomplete dossier is handed back, not registered (berkas tidak lengkap).
  const waived = new Set(def.variants.find((v) => v.code === (command.data.variant ?? 'baru'))?.waives ?? []);
  const missing = def.requirements.filter((r) => r.mandatory && !waived.has(r.code) && !given.has(r.code));
  if (missing.length)
    throw new DomainError('REGISTRATION.INCOMPLETE', `Dossier incomplete: ${missing.map((m) => m.label.en).join(', ')}`, {
      missing: missing.map((m) => ({ code: m.code, label: m.label })),
    });
  const applicant = command.data.applicant;
  if (def.applicant.nib === 'required' && !applicant.nib)
    throw new DomainError('REGISTRATION.NIB_REQUIRED', `${def.code} is for businesses: give the applicant's NIB`);
  // Consent to notices means nothing without somewhere to send them.
  if (applicant.notices && !applicant.phone && !applicant.email)
    throw new DomainError('REGISTRATION.NO_CONTACT', 'Notices need a phone number or an e-mail address');
  const at = command.metadata.at;
  const particulars = checkParticulars(def, command.data.particulars ?? {});
  const variant = checkVariant(def, command.data);
  // Unknown, missing or out-of-range fee inputs are refused now, at the counter, not at the fee desk.
  // A year whose tariff the region has not set yet does not stop the counter: the fee desk assesses once it is set.
  const tariff = ctx.tariffs.forYear(tariffYear(at));
  if (tariff || !needsTariff(def.fee)) computeFeeLines(def.fee, command.data.inputs, { particulars, tariff });
  else checkFeeInputs(def.fee, command.data.inputs, true);
  const registered: DossierEvent = {
    type: 'DossierRegistered',
    data: {
      dossierId: command.data.dossierId,
      registrationNumber: documentNumber(ctx, 'RegisterDossier'),
      service: { code: def.code, version: def.version },
      applicant: command.data.applicant,
      requirements: [...given].sort(),
      inputs: command.data.inputs,
      particulars,
      variant: variant.code,
      ...(variant.previousPermit ? { previousPermit: variant.previousPermit } : {}),
      ...(command.data.draft !== undefined ? { draft: command.data.draft } : {}),
      ...(command.data.tenant !== undefined ? { tenant: command.data.tenant } : {}),
      registeredAt: at,
      due: ctx.calendar.addWorkingDays(at, def.slaDays),
    },
  };
  return [registered, startStep(ctx, 0, at, false)];
}

function complete(command: CommandOf<'CompleteStep'>, state: DossierState, ctx: DecideContext): DossierEvent[] {
  const { step, desk } = acting(state, ctx, command.metadata.actor, ['review', 'fee'], command.data.desk);
  const { outcome, note, reasons } = command.data;
  if (step.kind === 'fee') {
    if (outcome !== 'forward') throw new DomainError('STEP.OUTCOME_NOT_ALLOWED', 'A fee step can only move forward');
    ensurePaid(state, ctx);
    return advance(state, ctx, command.metadata.at, desk, 'forward', { note });
  }
  allowOutcome(step, outcome);
  if (outcome === 'forward') ensureInspectionPassed(state);
  return advance(state, ctx, command.metadata.at, desk, outcome, { note, reasons });
}

function recommend(command: CommandOf<'RecordRecommendation'>, state: DossierState, ctx: DecideContext): DossierEvent[] {
  const { step, desk } = acting(state, ctx, command.metadata.actor, ['parallel-review'], command.data.desk);
  if (desk in state.recommendations)
    throw new DomainError('STEP.ALREADY_ANSWERED', `Desk ${desk} has already given its recommendation`, { desk });
  if (!command.data.positive) allowOutcome(step, 'reject');
  else ensureInspectionPassed(state);
  const recorded: DossierEvent = {
    type: 'RecommendationRecorded',
    data: { stepId: step.id, desk, positive: command.data.positive, note: command.data.note },
  };
  const answers = { ...state.recommendations, [desk]: command.data.positive };
  const desks = stepDesks(step);
  // The dossier moves on only when every reviewing desk has answered.
  if (!desks.every((d) => d in answers)) return [recorded];
  const negative = desks.filter((d) => !answers[d]);
  const outcome: StepOutcome = negative.length ? 'reject' : 'forward';
  return [
    recorded,
    ...advance(
      state,
      ctx,
      command.metadata.at,
      desk,
      outcome,
      negative.length ? { reasons: [`Rekomendasi negatif dari: ${negative.join(', ')}`] } : {},
    ),
  ];
}

function resubmit(command: CommandOf<'ResubmitCorrections'>, state: DossierState, ctx: DecideContext): DossierEvent[] {
  if (state.status !== 'returned' || !state.returnedAt)
    throw new DomainError('DOSSIER.NOT_RETURNED', 'The dossier is not waiting for corrections');
  // At the counter, or by the applicant online (the public page's corrections, taken in by the intake).
  if (!isOnlineApplicant(command.metadata.actor)) requireRole(command.metadata.actor, ['front-desk']);
  const step = ctx.definition.steps[state.stepIndex];
  const paused = ctx.definition.pauseClockWhileWithApplicant ? ctx.calendar.workingDaysBetween(state.returnedAt, command.metadata.at) : 0;
  return [
    {
      type: 'CorrectionsResubmitted',
      data: {
        stepId: step.id,
        desk: stepDesks(step).join(','),
        note: command.data.note,
        pausedWorkingDays: paused,
        due: ctx.calendar.extend(state.due, paused),
        stepDue: ctx.calendar.extend(state.stepDue, paused),
      },
    },
  ];
}

function reassign(command: CommandOf<'ReassignDossier'>, state: DossierState, ctx: DecideContext): DossierEvent[] {
  requireRole(command.metadata.actor, ['supervisor']);
  ensureActive(state);
  const step = ctx.definition.steps[state.stepIndex];
  const desks = stepDesks(step);
  const desk = command.data.desk ?? (desks.length === 1 ? desks[0] : undefined);
  if (!desk || !desks.includes(desk))
    throw new DomainError('DOSSIER.NOT_AT_DESK', `The dossier is not waiting at desk ${desk ?? '(none given)'}`, { desks });
  // The step keeps its due date: reassignment never restarts the clock.
  return [
    {
      type: 'DossierReassigned',
      data: {
        stepId: step.id,
        desk,
        fromOfficerId: state.holders[desk],
        toOfficerId: command.data.toOfficerId,
        reason: command.data.reason,
      },
    },
  ];
}
