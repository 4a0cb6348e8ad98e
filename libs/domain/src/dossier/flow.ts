import { nextStepIndex, stepDesks, stepTaken, type ConditionData } from '../catalogue/service-definition.js';
import type { DueDate } from '../sla/working-calendar.js';
import type { DecideContext } from './decide-context.js';
import type { DossierEvent, StepOutcome } from './dossier-events.js';
import type { DossierState } from './dossier-state.js';

// How a dossier moves from step to step.

/** What a step's condition reads of a dossier (issue 23). */
export const conditionData = (state: Pick<DossierState, 'particulars' | 'inputs'>): ConditionData => ({
  particulars: state.particulars,
  inputs: state.inputs,
});

export function startStep(
  ctx: DecideContext,
  stepIndex: number,
  at: string,
  rejectionRecommended: boolean,
  extra: { skipped?: string[]; due?: DueDate } = {},
): DossierEvent {
  const step = ctx.definition.steps[stepIndex];
  return {
    type: 'StepStarted',
    data: {
      stepId: step.id,
      stepIndex,
      desks: stepDesks(step),
      due: extra.due ?? ctx.calendar.addWorkingDays(at, step.slaDays),
      rejectionRecommended,
      ...(extra.skipped?.length ? { skipped: extra.skipped } : {}),
    },
  };
}

/**
 * Completes the current step and starts the next; a recommended rejection jumps to the decision desk. A conditional
 * step whose condition does not hold for the dossier's data is passed by, and the step that starts names it.
 */
export function advance(
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
  const data = conditionData(state);
  let next = outcome === 'reject' ? steps.findIndex((s) => s.kind === 'decision') : nextStepIndex(ctx.definition, state.stepIndex, data);
  // After a deemed approval (fiktif positif) no desk decides any more.
  if (outcome === 'forward' && state.approved && steps[next]?.kind === 'decision') next++;
  if (next >= steps.length) return [completed];
  const skipped = outcome === 'reject' ? [] : steps.slice(state.stepIndex + 1, next).filter((s) => !stepTaken(s, data));
  return [completed, startStep(ctx, next, at, outcome === 'reject', { skipped: skipped.map((s) => s.id) })];
}
