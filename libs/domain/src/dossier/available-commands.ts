import { stepDesks, type ServiceDefinition } from '../catalogue/service-definition.js';
import { sendBackTargets } from './route-decisions.js';
import type { Actor, DossierCommandType } from './dossier-commands.js';
import type { DossierState } from './dossier-state.js';
import { dutyConflict, dutyOfStep, type DoneDuty } from './guards.js';

/**
 * One command an officer may give now, with what the console needs to offer it
 * (the desk it is given at, and for CompleteStep and RecordRecommendation which
 * answer). What the form asks for and how it is worded is the console's.
 */
export interface AvailableCommand {
  readonly type: DossierCommandType;
  readonly desk?: string;
  readonly outcome?: 'forward' | 'reject';
  readonly positive?: boolean;
  /** For SendBack: the earlier review steps the dossier may be sent back to (issue 23), nearest first. */
  readonly toSteps?: readonly string[];
}

/** What an officer may do with a dossier now, served with the dossier so every screen shows the server's answer. */
export interface Availability {
  /** The desk of the current step the officer works it from, if the dossier waits at one of theirs. */
  readonly desk?: string;
  /** Another officer holds it there: the officer can only wait (or a supervisor reassigns). */
  readonly heldBy?: string;
  /** The officer did this earlier duty on the dossier, so this step is another officer's (separation of duties). */
  readonly separatedBy?: DoneDuty;
  /** In the order a screen offers them; ClaimDossier alone when the officer must take it up first. */
  readonly commands: readonly AvailableCommand[];
}

const NOTHING: Availability = { commands: [] };

/**
 * The commands `decide` would accept from this officer now, for every command
 * an officer gives from a dossier's page (supervision, complaints and the
 * system's own commands are not offered here). Kept next to the decider and
 * tested against it: every command listed is accepted, and the usual ones
 * not listed are refused (available-commands.spec.ts).
 */
export function availableCommands(state: DossierState, definition: ServiceDefinition, actor: Actor): Availability {
  const found = withRepair(withReprint(atTheDesks(state, definition, actor), state, actor), state, actor);
  // A payment keyed in wrong is corrected by a supervisor while the dossier is still at the fee desk.
  const step = definition.steps[state.stepIndex];
  if (actor.role === 'supervisor' && state.status === 'in-process' && step?.kind === 'fee' && state.fee?.payments.length)
    return { ...found, commands: [...found.commands, { type: 'CorrectPayment' }] };
  // The removal bond goes back once the dossier has left the desks, paid in full, once.
  const fee = state.fee;
  if (
    actor.role === 'supervisor' &&
    fee?.deposit &&
    !fee.deposit.refunded &&
    fee.paid >= fee.total &&
    !['in-process', 'returned', 'none'].includes(state.status)
  )
    return { ...found, commands: [...found.commands, { type: 'RefundDeposit' }] };
  return found;
}

/** A supervisor (or administrator) may repair a running dossier's step: move it, or repeat the step (issue 23). */
function withRepair(found: Availability, state: DossierState, actor: Actor): Availability {
  return (actor.role === 'supervisor' || actor.role === 'admin') && state.status === 'in-process'
    ? { ...found, commands: [...found.commands, { type: 'RepairStep' }] }
    : found;
}

/** A send-back, where the step allows one and the dossier passed an earlier review step. */
function sendBack(
  state: DossierState,
  definition: ServiceDefinition,
  step: ServiceDefinition['steps'][number],
  desk: string,
): AvailableCommand[] {
  if (!step.outcomes.includes('send-back')) return [];
  const toSteps = sendBackTargets(state, definition);
  return toSteps.length ? [{ type: 'SendBack', desk, toSteps }] : [];
}

/** The front desk may print a lost receipt again at any stage. */
function withReprint(found: Availability, state: DossierState, actor: Actor): Availability {
  return actor.role === 'front-desk' && state.status !== 'none'
    ? { ...found, commands: [...found.commands, { type: 'ReprintReceipt' }] }
    : found;
}

function atTheDesks(state: DossierState, definition: ServiceDefinition, actor: Actor): Availability {
  const { role } = actor;
  if (state.status === 'returned')
    return role === 'front-desk' ? { commands: [{ type: 'ResubmitCorrections' }, { type: 'WithdrawDossier' }] } : withdrawOnly(role);
  // Revocation (pencabutan) is the issuer's, through a supervisor: it needs no desk.
  if (role === 'supervisor' && (state.status === 'issued' || state.status === 'handed-over'))
    return { commands: [{ type: 'RevokePermit' }] };
  const step = definition.steps[state.stepIndex];
  const active = state.status === 'in-process' || (state.status === 'issued' && step?.kind === 'handover');
  const desks = active && step ? stepDesks(step) : [];
  const desk = desks.find((d) => actor.desks.includes(d) && !(d in state.recommendations));
  if (!step || !desk) {
    // A reviewing desk that has given its recommendation may still put the dossier down.
    const answered = desks.find((d) => state.holders[d] === actor.officerId);
    if (answered) return { desk: answered, commands: [{ type: 'ReleaseDossier', desk: answered }] };
    return state.status === 'in-process' ? withdrawOnly(role) : NOTHING;
  }
  const holder = state.holders[desk];
  if (holder && holder !== actor.officerId) return { desk, heldBy: holder, commands: [] };
  const duty = dutyOfStep(step.kind);
  const separatedBy = duty && dutyConflict(state, definition, actor, duty);
  if (separatedBy) return { desk, separatedBy, commands: holder ? [{ type: 'ReleaseDossier', desk }] : [] };
  // An issued permit is handed over as it is: nothing to take up first.
  if (step.kind === 'handover') return { desk, commands: [{ type: 'HandOverPermit', desk }] };
  if (!holder) return { desk, commands: [{ type: 'ClaimDossier', desk }] };
  const release: AvailableCommand = { type: 'ReleaseDossier', desk };
  const inspectionOpen = !!state.inspection && state.inspection.result !== 'passed';
  switch (step.kind) {
    case 'review':
      return {
        desk,
        commands: [
          ...inspection(state, step, desk),
          ...(inspectionOpen ? [] : [{ type: 'CompleteStep', desk, outcome: 'forward' } as const]),
          ...(step.outcomes.includes('return') ? [{ type: 'ReturnForCorrection', desk } as const] : []),
          // At a review, rejecting is a recommendation: the decision desk rejects (D6).
          ...(step.outcomes.includes('reject') ? [{ type: 'CompleteStep', desk, outcome: 'reject' } as const] : []),
          ...sendBack(state, definition, step, desk),
          release,
        ],
      };
    case 'parallel-review':
      return {
        desk,
        commands: [
          ...inspection(state, step, desk),
          ...(inspectionOpen ? [] : [{ type: 'RecordRecommendation', desk, positive: true } as const]),
          // Issue 20: the technical desks could not send a dossier back for corrections from the console.
          ...(step.outcomes.includes('return') ? [{ type: 'ReturnForCorrection', desk } as const] : []),
          ...(step.outcomes.includes('reject') ? [{ type: 'RecordRecommendation', desk, positive: false } as const] : []),
          ...sendBack(state, definition, step, desk),
          release,
        ],
      };
    case 'fee': {
      if (!state.fee) return { desk, commands: [{ type: 'AssessFee', desk }, release] };
      const settled = state.fee.exempt || (state.fee.paid >= state.fee.total && state.fee.paid > 0);
      if (!settled)
        return {
          desk,
          commands: [
            { type: 'RecordPayment', desk },
            // A bill issued wrong is cancelled (and kept in the trail) only while nothing is paid on it.
            ...(state.fee.paid === 0 ? [{ type: 'CancelFeeAssessment', desk } as const] : []),
            release,
          ],
        };
      return { desk, commands: [{ type: 'CompleteStep', desk, outcome: 'forward' }, ...sendBack(state, definition, step, desk), release] };
    }
    case 'decision':
      // After a recommendation to reject, only a rejection is accepted (D6).
      return {
        desk,
        commands: [
          ...(state.rejectionRecommended ? [] : [{ type: 'ApproveDossier', desk } as const]),
          { type: 'RejectDossier', desk },
          ...sendBack(state, definition, step, desk),
          release,
        ],
      };
    case 'signing':
      return { desk, commands: [{ type: 'SignPermit', desk }, release] };
    case 'issuance':
      return { desk, commands: [{ type: 'IssuePermit', desk }, release] };
  }
}

/** A site inspection at a step that allows one: scheduled first, then its report (BAP). */
function inspection(state: DossierState, step: ServiceDefinition['steps'][number], desk: string): AvailableCommand[] {
  if (!step.outcomes.includes('inspection')) return [];
  if (!state.inspection) return [{ type: 'ScheduleInspection', desk }];
  return state.inspection.result ? [] : [{ type: 'RecordInspection', desk }];
}

/** Outside any desk of theirs, the front desk may still withdraw a dossier at the applicant's request. */
const withdrawOnly = (role: Actor['role']): Availability => (role === 'front-desk' ? { commands: [{ type: 'WithdrawDossier' }] } : NOTHING);
