import { feeInputsOf, stepTaken, type ServiceDefinition, type StepDefinition } from '../catalogue/service-definition.js';
import { tariffYear } from '../catalogue/tariffs.js';
import { DomainError } from '../shared/domain-error.js';
import type { CommandOf } from './dossier-commands.js';
import type { DossierEvent } from './dossier-events.js';
import type { DossierState } from './dossier-state.js';
import type { DecideContext } from './decide-context.js';
import { computeFeeLines, needsTariff } from './fee.js';
import { conditionData, startStep } from './flow.js';
import { acting, allowOutcome, ensureActive, requireRole } from './guards.js';
import { checkParticulars } from './particulars.js';

// Issue 23: a dossier leaving the straight line of its steps. Sent back by a desk, moved to another version of its
// service, or moved (or its step repeated) by a supervisor's repair. Each is an event naming why, followed by the
// StepStarted of where the dossier goes, so every read model follows it as it follows any step.

const REVIEW_KINDS = new Set(['review', 'parallel-review']);

/** The earlier review steps the dossier passed (its branches taken), nearest first: where a send-back may take it. */
export function sendBackTargets(state: DossierState, definition: ServiceDefinition): string[] {
  const data = conditionData(state);
  return definition.steps
    .slice(0, state.stepIndex)
    .filter((s) => REVIEW_KINDS.has(s.kind) && stepTaken(s, data))
    .map((s) => s.id)
    .reverse();
}

/** A desk sends the dossier back to an earlier review step that the dossier took; that step starts again with fresh days. */
export function sendBack(command: CommandOf<'SendBack'>, state: DossierState, ctx: DecideContext): DossierEvent[] {
  const { step, desk } = acting(state, ctx, command.metadata.actor, ['review', 'parallel-review', 'fee', 'decision'], command.data.desk);
  allowOutcome(step, 'send-back');
  const earlier = sendBackTargets(state, ctx.definition);
  if (!earlier.includes(command.data.toStepId))
    throw new DomainError('STEP.NOT_EARLIER', `The dossier can be sent back only to an earlier review step it passed`, {
      toStepId: command.data.toStepId,
      allowed: earlier,
    });
  const to = ctx.definition.steps.findIndex((s) => s.id === command.data.toStepId);
  return [
    { type: 'DossierSentBack', data: { stepId: step.id, desk, toStepId: command.data.toStepId, reasons: command.data.reasons } },
    startStep(ctx, to, command.metadata.at, false),
  ];
}

/**
 * Where a running dossier may be put: an approved dossier is not decided again (signature and issuance only), and one
 * not yet decided is not signed or issued without a decision. The handover waits for an issued permit.
 */
function ensureReachable(state: DossierState, def: ServiceDefinition, index: number, code: 'REPAIR' | 'MIGRATION'): void {
  const decision = def.steps.findIndex((s) => s.kind === 'decision');
  const target = def.steps[index]!;
  if (state.approved && index <= decision)
    throw new DomainError(`${code}.ALREADY_DECIDED`, 'The dossier is approved: it can only be at signature or issuance', {
      toStepId: target.id,
    });
  if (!state.approved && index > decision)
    throw new DomainError(`${code}.NOT_DECIDED`, 'The dossier has no decision yet: it cannot be signed, issued or handed over', {
      toStepId: target.id,
    });
  if (target.kind === 'handover')
    throw new DomainError(`${code}.NOT_ISSUED`, 'Only an issued permit waits at the handover', { toStepId: target.id });
}

/** Operator repair: move the dossier to another step of its definition, or start its step again, with the reason. */
export function repairStep(command: CommandOf<'RepairStep'>, state: DossierState, ctx: DecideContext): DossierEvent[] {
  requireRole(command.metadata.actor, ['supervisor', 'admin']);
  ensureActive(state);
  const steps = ctx.definition.steps;
  const to = steps.findIndex((s) => s.id === command.data.toStepId);
  if (to < 0)
    throw new DomainError(
      'REPAIR.UNKNOWN_STEP',
      `${ctx.definition.code} v${ctx.definition.version} has no step "${command.data.toStepId}"`,
      {
        steps: steps.map((s) => s.id),
      },
    );
  ensureReachable(state, ctx.definition, to, 'REPAIR');
  const from = steps[state.stepIndex]!;
  return [
    {
      type: 'DossierStepRepaired',
      data: { fromStepId: from.id, toStepId: steps[to]!.id, repeat: to === state.stepIndex, reason: command.data.reason },
    },
    startStep(ctx, to, command.metadata.at, state.rejectionRecommended && steps[to]!.kind === 'decision'),
  ];
}

const total = (lines: { amount: number }[]) => lines.reduce((sum, l) => sum + l.amount, 0);

/** The fee a definition would bill for the dossier's data now, if it can be computed (a preview's figure, never a bill). */
function feeUnder(
  def: ServiceDefinition,
  state: DossierState,
  tariff: ReturnType<DecideContext['tariffs']['forYear']>,
): number | undefined {
  try {
    return total(computeFeeLines(def.fee, state.inputs, { particulars: state.particulars, tariff }));
  } catch {
    return undefined;
  }
}

/**
 * Moves a running dossier to another published version of its service. The current step maps by id, or by the
 * command's mapping; the mapped step must be one the dossier takes there and may be (ensureReachable). The same step
 * keeps its start and counts the new version's days from it; another step starts now. The service deadline is the new
 * version's from the registration, with the days the clock stood still added. Whatever the new version asks that the
 * dossier lacks is given with the command (particulars, fee inputs: refused otherwise, exactly as the counter would)
 * or, for papers, listed for the desk to ask for.
 */
export function migrate(command: CommandOf<'MigrateDossier'>, state: DossierState, ctx: DecideContext): DossierEvent[] {
  requireRole(command.metadata.actor, ['supervisor', 'admin']);
  ensureActive(state);
  const from = ctx.definition;
  const { toVersion, stepMapping = {}, reason, batch } = command.data;
  if (toVersion === from.version)
    throw new DomainError('MIGRATION.SAME_VERSION', `The dossier already follows ${from.code} v${from.version}`, { version: toVersion });
  const target = ctx.version?.(toVersion);
  if (!target)
    throw new DomainError('MIGRATION.UNKNOWN_VERSION', `${from.code} has no published version ${toVersion}`, { version: toVersion });
  const fromStep = from.steps[state.stepIndex]!;
  const mappedId = stepMapping[fromStep.id] ?? fromStep.id;
  const to = target.steps.findIndex((s) => s.id === mappedId);
  if (to < 0)
    throw new DomainError(
      'MIGRATION.STEP_UNMAPPED',
      `Step "${fromStep.id}" has no counterpart in ${target.code} v${target.version}: map it to one of its steps`,
      { stepId: fromStep.id, steps: target.steps.map((s) => s.id) },
    );
  const at = command.metadata.at;
  // What the new version asks of the dossier: the particulars it takes, the fee inputs it reads.
  const given = { particulars: command.data.particulars ?? {}, inputs: command.data.inputs ?? {} };
  const particulars = checkParticulars(target, {
    ...pick(
      state.particulars,
      target.particulars.map((p) => p.code),
    ),
    ...given.particulars,
  });
  const inputs = {
    ...pick(
      state.inputs,
      feeInputsOf(target.fee).map((i) => i.code),
    ),
    ...given.inputs,
  };
  const next: DossierState = { ...state, particulars, inputs };
  if (!stepTaken(target.steps[to]!, conditionData(next)))
    throw new DomainError('MIGRATION.STEP_NOT_TAKEN', `Step "${mappedId}" of v${target.version} is not taken by this dossier's data`, {
      stepId: mappedId,
    });
  ensureReachable(state, target, to, 'MIGRATION');
  let fee: { before?: number; after?: number; kept?: string };
  if (state.fee) fee = { kept: state.fee.skrdNumber };
  else {
    // No bill yet: the new version must be able to compute one from the dossier's data (as the counter checks); a year
    // whose tariff is not set yet does not stop it (the fee desk assesses once it is).
    const tariff = ctx.tariffs.forYear(tariffYear(at));
    const after = tariff || !needsTariff(target.fee) ? total(computeFeeLines(target.fee, inputs, { particulars, tariff })) : undefined;
    fee = { before: feeUnder(from, state, tariff), after };
  }
  const known = new Set(state.documents ? Object.values(state.documents).map((d) => d.requirement) : []);
  const requirementsMissing = target.requirements
    .filter((r) => r.mandatory && !from.requirements.some((o) => o.code === r.code) && !known.has(r.code))
    .map((r) => r.code);
  const targetStep: StepDefinition = target.steps[to]!;
  const sameStep = targetStep.id === fromStep.id && targetStep.kind === fromStep.kind && state.stepStartedAt;
  const due = ctx.calendar.extend(ctx.calendar.addWorkingDays(state.registeredAt ?? at, target.slaDays), state.pausedWorkingDays ?? 0);
  const targetCtx: DecideContext = { ...ctx, definition: target };
  return [
    {
      type: 'DossierMigrated',
      data: {
        from: { version: from.version, stepId: fromStep.id },
        to: { version: target.version, stepId: targetStep.id },
        reason,
        ...(batch ? { batch } : {}),
        due,
        ...(Object.keys(given.particulars).length ? { particulars: pick(particulars, Object.keys(given.particulars)) } : {}),
        ...(Object.keys(given.inputs).length ? { inputs: given.inputs } : {}),
        requirementsMissing,
        fee,
      },
    },
    startStep(targetCtx, to, at, state.rejectionRecommended && targetStep.kind === 'decision', {
      ...(sameStep ? { due: ctx.calendar.addWorkingDays(state.stepStartedAt!, targetStep.slaDays) } : {}),
    }),
  ];
}

const pick = <T>(record: Record<string, T>, keys: string[]): Record<string, T> =>
  Object.fromEntries(keys.filter((k) => record[k] !== undefined).map((k) => [k, record[k]!]));
