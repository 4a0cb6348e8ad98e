import { stepDesks, type ServiceDefinition, type StepDefinition, type StepKind } from '../catalogue/service-definition.js';
import { DomainError } from '../shared/domain-error.js';
import type { Actor } from './dossier-commands.js';
import type { DossierState } from './dossier-state.js';
import type { DecideContext } from './decide-context.js';

// The checks every decision shares: who may act, at which desk, in which state.

export function ensurePaid(state: DossierState, ctx: DecideContext): void {
  if (ctx.definition.fee.kind === 'none') return;
  if (!state.fee) throw new DomainError('FEE.NOT_ASSESSED', 'No fee has been assessed (SKRD) yet');
  if (state.fee.exempt) return;
  // Whatever the amount: a bill with nothing paid on it is unpaid (a Rp 0 bill can only come from an exemption).
  if (state.fee.paid < state.fee.total || state.fee.paid === 0)
    throw new DomainError('FEE.NOT_PAID', `Rp ${state.fee.total - state.fee.paid} of the fee is still unpaid`, {
      outstanding: state.fee.total - state.fee.paid,
    });
}

export function ensureInspectionPassed(state: DossierState): void {
  if (state.inspection && !state.inspection.result)
    throw new DomainError('INSPECTION.PENDING', `The inspection of ${state.inspection.scheduledFor} has no report (BAP) yet`);
  if (state.inspection?.result === 'failed')
    throw new DomainError('INSPECTION.FAILED', 'The inspection failed: return the dossier or recommend rejection');
}

export function allowOutcome(step: StepDefinition, outcome: StepDefinition['outcomes'][number]): void {
  if (!step.outcomes.includes(outcome))
    throw new DomainError('STEP.OUTCOME_NOT_ALLOWED', `Step ${step.id} does not allow "${outcome}"`, { allowed: step.outcomes });
}

export function requireRole(actor: Actor, roles: Actor['role'][]): void {
  if (!roles.includes(actor.role)) throw new DomainError('AUTH.ROLE', `This needs one of the roles: ${roles.join(', ')}`);
}

export function ensureActive(state: DossierState, allowReturned = false): void {
  if (state.status === 'in-process' || (allowReturned && state.status === 'returned')) return;
  throw new DomainError(
    'DOSSIER.NOT_ACTIVE',
    state.status === 'returned' ? 'The dossier is with the applicant for corrections' : `The dossier is ${state.status}`,
    { status: state.status },
  );
}

export function ensureFree(state: DossierState, desk: string, actor: Actor): void {
  const holder = state.holders[desk];
  if (holder && holder !== actor.officerId)
    throw new DomainError('DOSSIER.HELD_BY_OTHER', 'Another officer holds this dossier at this desk', { desk });
}

/** The duties kept apart, and what an officer may already have done on the dossier. */
export type Duty = 'decision' | 'signature' | 'issuance';
export type DoneDuty = 'review' | 'decision' | 'signature';

/** The steps whose work is a duty kept apart from the others. */
export const dutyOfStep = (kind: StepKind): Duty | undefined =>
  kind === 'decision' ? 'decision' : kind === 'signing' ? 'signature' : kind === 'issuance' ? 'issuance' : undefined;

/** Which earlier duty on this dossier bars the actor from `duty`, if any (separation of duties). */
export function dutyConflict(state: DossierState, definition: ServiceDefinition, actor: Actor, duty: Duty): DoneDuty | undefined {
  const done = state.doneBy;
  if (!done || definition.separationOfDuties === false || actor.role === 'system') return undefined;
  const me = actor.officerId;
  if (definition.steps.some((s) => s.kind === 'review' && done.steps[s.id] === me)) return 'review';
  if (duty !== 'decision' && done.decision === me) return 'decision';
  if (duty === 'issuance' && done.signature === me) return 'signature';
  return undefined;
}

export function ensureSeparateDuties(state: DossierState, ctx: DecideContext, actor: Actor, duty: Duty): void {
  const did = dutyConflict(state, ctx.definition, actor, duty);
  if (did)
    throw new DomainError('AUTH.SEPARATION_OF_DUTIES', `You did the ${did} of this dossier: its ${duty} must be another officer's`, {
      duty,
      did,
    });
}

/** The current step and the desk the actor works it from; refuses officers of other desks. */
export function atDesk(
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
export function acting(
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
