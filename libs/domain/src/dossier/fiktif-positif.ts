import { stepDesks } from '../catalogue/service-definition.js';
import { DomainError } from '../shared/domain-error.js';
import { documentNumber, type DecideContext } from './decide-context.js';
import type { CommandOf } from './dossier-commands.js';
import type { DossierEvent } from './dossier-events.js';
import type { DossierState } from './dossier-state.js';
import { startStep } from './flow.js';
import { ensureActive, requireRole } from './guards.js';

/**
 * Fiktif positif: once the overall SLA has lapsed without a decision, the
 * application is deemed approved. Remaining reviews and the decision are
 * skipped; a fee still has to be paid before issuance.
 */
export function deemApproved(command: CommandOf<'RecordDeemedApproval'>, state: DossierState, ctx: DecideContext): DossierEvent[] {
  requireRole(command.metadata.actor, ['system', 'supervisor']);
  if (!ctx.definition.fiktifPositif)
    throw new DomainError('SLA.NOT_FIKTIF_POSITIF', `${ctx.definition.code} is not a fiktif positif service`);
  ensureActive(state);
  if (state.approved) throw new DomainError('DOSSIER.NOT_ACTIVE', 'The dossier is already approved');
  if (command.metadata.at <= state.due.dueAt)
    throw new DomainError('SLA.NOT_LAPSED', `The service deadline ${state.due.dueAt} has not lapsed`, { dueAt: state.due.dueAt });
  const steps = ctx.definition.steps;
  const current = steps[state.stepIndex];
  const { verificationCode } = command.data;
  const deemed: DossierEvent = {
    type: 'DossierDeemedApproved',
    data: {
      atStepId: current.id,
      dueAt: state.due.dueAt,
      permitNumber: documentNumber(ctx, 'RecordDeemedApproval'),
      ...(verificationCode ? { verificationCode } : {}),
    },
  };
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
