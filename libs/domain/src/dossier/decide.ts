import { stepDesks, type ServiceDefinition, type StepDefinition, type StepKind } from '../catalogue/service-definition.js';
import { DomainError } from '../shared/domain-error.js';
import type { WorkingCalendar } from '../sla/working-calendar.js';
import type { Actor, CommandOf, DossierCommand } from './dossier-commands.js';
import type { DossierEvent, StepOutcome } from './dossier-events.js';
import type { DossierState } from './dossier-state.js';
import { computeFeeLines, feeTotal } from './fee.js';

export interface DecideContext {
  /** The definition the dossier lives under (for registration: the newest one). */
  definition: ServiceDefinition;
  calendar: WorkingCalendar;
}

/** Decides what a command means for a dossier. Pure: no clock, no I/O. */
export function decide(command: DossierCommand, state: DossierState, ctx: DecideContext): DossierEvent[] {
  if (command.type === 'RegisterDossier') return register(command, state, ctx);
  if (state.status === 'none') throw new DomainError('DOSSIER.NOT_FOUND', 'No such dossier');
  switch (command.type) {
    case 'ClaimDossier': {
      const { step, desk } = atDesk(state, ctx, command.metadata.actor, command.data.desk);
      if (state.holders[desk] === command.metadata.actor.officerId) return [];
      ensureFree(state, desk, command.metadata.actor);
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
      return [
        { type: 'InspectionScheduled', data: { stepId: step.id, desk, scheduledFor: command.data.scheduledFor, note: command.data.note } },
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
    case 'RecordPayment':
      return pay(command, state, ctx);
    case 'ApproveDossier': {
      const { step, desk } = acting(state, ctx, command.metadata.actor, ['decision']);
      if (state.rejectionRecommended)
        throw new DomainError(
          'DECISION.NEGATIVE_RECOMMENDATION',
          'A technical recommendation was negative: the dossier can only be rejected',
        );
      return [
        { type: 'DossierApproved', data: { stepId: step.id, desk, note: command.data.note } },
        ...advance(state, ctx, command.metadata.at, desk, 'forward'),
      ];
    }
    case 'RejectDossier': {
      const { step, desk } = acting(state, ctx, command.metadata.actor, ['decision']);
      return [
        {
          type: 'DossierRejected',
          data: { stepId: step.id, desk, reasons: command.data.reasons, letterNumber: command.data.letterNumber },
        },
      ];
    }
    case 'SignPermit': {
      const { step, desk } = acting(state, ctx, command.metadata.actor, ['signing']);
      return [{ type: 'PermitSigned', data: { stepId: step.id, desk } }, ...advance(state, ctx, command.metadata.at, desk, 'forward')];
    }
    case 'IssuePermit': {
      const { step, desk } = acting(state, ctx, command.metadata.actor, ['issuance']);
      ensurePaid(state, ctx);
      const { permitNumber, verificationCode } = command.data;
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
    case 'WithdrawDossier': {
      if (state.status === 'issued' || state.status === 'handed-over')
        throw new DomainError('DOSSIER.ALREADY_ISSUED', 'An issued permit can no longer be withdrawn');
      ensureActive(state, true);
      requireRole(command.metadata.actor, ['front-desk', 'supervisor']);
      return [{ type: 'DossierWithdrawn', data: { reason: command.data.reason, atStepId: ctx.definition.steps[state.stepIndex]?.id } }];
    }
  }
}

function register(command: CommandOf<'RegisterDossier'>, state: DossierState, ctx: DecideContext): DossierEvent[] {
  if (state.status !== 'none') throw new DomainError('DOSSIER.ALREADY_REGISTERED', 'This dossier is already registered');
  requireRole(command.metadata.actor, ['front-desk']);
  const def = ctx.definition;
  const given = new Set(command.data.requirements);
  const known = new Set(def.requirements.map((r) => r.code));
  const unknown = [...given].filter((c) => !known.has(c));
  if (unknown.length)
    throw new DomainError('REGISTRATION.UNKNOWN_REQUIREMENT', `Not a requirement of ${def.code}: ${unknown.join(', ')}`, { unknown });
  // An incomplete dossier is handed back, not registered (berkas tidak lengkap).
  const missing = def.requirements.filter((r) => r.mandatory && !given.has(r.code));
  if (missing.length)
    throw new DomainError('REGISTRATION.INCOMPLETE', `Dossier incomplete: ${missing.map((m) => m.label.en).join(', ')}`, {
      missing: missing.map((m) => ({ code: m.code, label: m.label })),
    });
  computeFeeLines(def.fee, command.data.inputs); // refuses a formula fee with inputs missing, now rather than at the fee desk
  const at = command.metadata.at;
  const registered: DossierEvent = {
    type: 'DossierRegistered',
    data: {
      dossierId: command.data.dossierId,
      registrationNumber: command.data.registrationNumber,
      service: { code: def.code, version: def.version },
      applicant: command.data.applicant,
      requirements: [...given].sort(),
      inputs: command.data.inputs,
      pinHash: command.data.pinHash,
      registeredAt: at,
      due: ctx.calendar.addWorkingDays(at, def.slaDays),
    },
  };
  return [registered, startStep(ctx, 0, at, false)];
}

function startStep(ctx: DecideContext, stepIndex: number, at: string, rejectionRecommended: boolean): DossierEvent {
  const step = ctx.definition.steps[stepIndex];
  return {
    type: 'StepStarted',
    data: { stepId: step.id, stepIndex, desks: stepDesks(step), due: ctx.calendar.addWorkingDays(at, step.slaDays), rejectionRecommended },
  };
}

/** Completes the current step and starts the next; a recommended rejection jumps to the decision desk. */
function advance(
  state: DossierState,
  ctx: DecideContext,
  at: string,
  desk: string,
  outcome: StepOutcome,
  extra: { note?: string; reasons?: string[] } = {},
): DossierEvent[] {
  const steps = ctx.definition.steps;
  const step = steps[state.stepIndex];
  const completed: DossierEvent = { type: 'StepCompleted', data: { stepId: step.id, desk, outcome, ...extra } };
  let next = outcome === 'reject' ? steps.findIndex((s) => s.kind === 'decision') : state.stepIndex + 1;
  // After a deemed approval (fiktif positif) no desk decides any more.
  if (outcome === 'forward' && state.approved && steps[next]?.kind === 'decision') next++;
  if (next >= steps.length) return [completed];
  return [completed, startStep(ctx, next, at, outcome === 'reject')];
}

/**
 * Fiktif positif: once the overall SLA has lapsed without a decision, the
 * application is deemed approved. Remaining reviews and the decision are
 * skipped; a fee still has to be paid before issuance.
 */
function deemApproved(command: CommandOf<'RecordDeemedApproval'>, state: DossierState, ctx: DecideContext): DossierEvent[] {
  requireRole(command.metadata.actor, ['system', 'supervisor']);
  if (!ctx.definition.fiktifPositif)
    throw new DomainError('SLA.NOT_FIKTIF_POSITIF', `${ctx.definition.code} is not a fiktif positif service`);
  ensureActive(state);
  if (state.approved) throw new DomainError('DOSSIER.NOT_ACTIVE', 'The dossier is already approved');
  if (command.metadata.at <= state.due.dueAt)
    throw new DomainError('SLA.NOT_LAPSED', `The service deadline ${state.due.dueAt} has not lapsed`, { dueAt: state.due.dueAt });
  const steps = ctx.definition.steps;
  const current = steps[state.stepIndex];
  const deemed: DossierEvent = { type: 'DossierDeemedApproved', data: { atStepId: current.id, dueAt: state.due.dueAt } };
  if (current.kind === 'fee') return [deemed];
  const next = steps.findIndex(
    (s, i) => i > state.stepIndex && s.kind !== 'review' && s.kind !== 'parallel-review' && s.kind !== 'decision',
  );
  const desk = stepDesks(current).join(',');
  return [
    deemed,
    { type: 'StepCompleted', data: { stepId: current.id, desk, outcome: 'forward', note: 'fiktif positif' } },
    startStep(ctx, next, command.metadata.at, false),
  ];
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
  requireRole(command.metadata.actor, ['front-desk']);
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

function assessFee(command: CommandOf<'AssessFee'>, state: DossierState, ctx: DecideContext): DossierEvent[] {
  const { step, desk } = acting(state, ctx, command.metadata.actor, ['fee']);
  if (state.fee) throw new DomainError('FEE.ALREADY_ASSESSED', 'The fee has already been assessed');
  const inputs = { ...state.inputs, ...(command.data.inputs ?? {}) };
  const lines = computeFeeLines(ctx.definition.fee, inputs);
  return [
    { type: 'FeeAssessed', data: { stepId: step.id, desk, skrdNumber: command.data.skrdNumber, lines, total: feeTotal(lines), inputs } },
  ];
}

function pay(command: CommandOf<'RecordPayment'>, state: DossierState, ctx: DecideContext): DossierEvent[] {
  acting(state, ctx, command.metadata.actor, ['fee']);
  if (!state.fee) throw new DomainError('FEE.NOT_ASSESSED', 'No fee has been assessed (SKRD) yet');
  const { reference, amount, channel } = command.data;
  if (state.fee.references.includes(reference))
    throw new DomainError('FEE.DUPLICATE_PAYMENT', `Payment ${reference} is already recorded`, { reference });
  const outstanding = state.fee.total - state.fee.paid;
  if (amount > outstanding)
    throw new DomainError('FEE.OVERPAYMENT', `Payment of Rp ${amount} exceeds the outstanding Rp ${outstanding}`, { outstanding });
  return [
    {
      type: 'PaymentRecorded',
      data: { reference, amount, channel, paidTotal: state.fee.paid + amount, outstanding: outstanding - amount },
    },
  ];
}

function ensurePaid(state: DossierState, ctx: DecideContext): void {
  if (ctx.definition.fee.kind === 'none') return;
  if (!state.fee) throw new DomainError('FEE.NOT_ASSESSED', 'No fee has been assessed (SKRD) yet');
  if (state.fee.paid < state.fee.total)
    throw new DomainError('FEE.NOT_PAID', `Rp ${state.fee.total - state.fee.paid} of the fee is still unpaid`, {
      outstanding: state.fee.total - state.fee.paid,
    });
}

function ensureInspectionPassed(state: DossierState): void {
  if (state.inspection && !state.inspection.result)
    throw new DomainError('INSPECTION.PENDING', `The inspection of ${state.inspection.scheduledFor} has no report (BAP) yet`);
  if (state.inspection?.result === 'failed')
    throw new DomainError('INSPECTION.FAILED', 'The inspection failed: return the dossier or recommend rejection');
}

function allowOutcome(step: StepDefinition, outcome: 'forward' | 'return' | 'reject' | 'inspection'): void {
  if (!step.outcomes.includes(outcome))
    throw new DomainError('STEP.OUTCOME_NOT_ALLOWED', `Step ${step.id} does not allow "${outcome}"`, { allowed: step.outcomes });
}

function requireRole(actor: Actor, roles: Actor['role'][]): void {
  if (!roles.includes(actor.role)) throw new DomainError('AUTH.ROLE', `This needs one of the roles: ${roles.join(', ')}`);
}

function ensureActive(state: DossierState, allowReturned = false): void {
  if (state.status === 'in-process' || (allowReturned && state.status === 'returned')) return;
  throw new DomainError(
    'DOSSIER.NOT_ACTIVE',
    state.status === 'returned' ? 'The dossier is with the applicant for corrections' : `The dossier is ${state.status}`,
    { status: state.status },
  );
}

function ensureFree(state: DossierState, desk: string, actor: Actor): void {
  const holder = state.holders[desk];
  if (holder && holder !== actor.officerId)
    throw new DomainError('DOSSIER.HELD_BY_OTHER', 'Another officer holds this dossier at this desk', { desk });
}

/** The current step and the desk the actor works it from; refuses officers of other desks. */
function atDesk(
  state: DossierState,
  ctx: DecideContext,
  actor: Actor,
  wanted?: string,
  allowIssued = false,
): { step: StepDefinition; desk: string } {
  if (!(allowIssued && state.status === 'issued')) ensureActive(state);
  const step = ctx.definition.steps[state.stepIndex];
  const desks = stepDesks(step);
  const mine = desks.filter((d) => actor.desks.includes(d) && (!wanted || d === wanted));
  if (mine.length === 0)
    throw new DomainError('DOSSIER.NOT_AT_DESK', `The dossier is waiting at ${desks.join(', ')}, not at your desk`, { desks });
  const open = mine.filter((d) => !(d in state.recommendations));
  return { step, desk: open[0] ?? mine[0] };
}

/** Like atDesk, for a command that does the step's work: the step kind must fit and nobody else may hold it. */
function acting(
  state: DossierState,
  ctx: DecideContext,
  actor: Actor,
  kinds: StepKind[],
  wanted?: string,
): { step: StepDefinition; desk: string } {
  const found = atDesk(state, ctx, actor, wanted);
  if (!kinds.includes(found.step.kind))
    throw new DomainError('STEP.WRONG_KIND', `Step ${found.step.id} is a ${found.step.kind} step`, { kind: found.step.kind });
  ensureFree(state, found.desk, actor);
  return found;
}
