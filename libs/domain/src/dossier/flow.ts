import { stepDesks } from '../catalogue/service-definition.js';
import type { DecideContext } from './decide-context.js';
import type { DossierEvent, StepOutcome } from './dossier-events.js';
import type { DossierState } from './dossier-state.js';

// How a dossier moves from step to step.

export function startStep(ctx: DecideContext, stepIndex: number, at: string, rejectionRecommended: boolean): DossierEvent {
  const step = ctx.definition.steps[stepIndex];
  return {
    type: 'StepStarted',
    data: { stepId: step.id, stepIndex, desks: stepDesks(step), due: ctx.calendar.addWorkingDays(at, step.slaDays), rejectionRecommended },
  };
}

/** Completes the current step and starts the next; a recommended rejection jumps to the decision desk. */
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
  let next = outcome === 'reject' ? steps.findIndex((s) => s.kind === 'decision') : state.stepIndex + 1;
  // After a deemed approval (fiktif positif) no desk decides any more.
  if (outcome === 'forward' && state.approved && steps[next]?.kind === 'decision') next++;
  if (next >= steps.length) return [completed];
  return [completed, startStep(ctx, next, at, outcome === 'reject')];
}
