import { DomainError } from '../shared/domain-error.js';
import type { DecideContext } from './decide.js';
import type { CommandOf } from './dossier-commands.js';
import type { DossierEvent } from './dossier-events.js';
import type { DossierState } from './dossier-state.js';
import { computeFeeLines, feeTotal } from './fee.js';
import { acting } from './guards.js';

// The fee desk: the SKRD with every line at once, then payments up to the total.

export function assessFee(command: CommandOf<'AssessFee'>, state: DossierState, ctx: DecideContext): DossierEvent[] {
  const { step, desk } = acting(state, ctx, command.metadata.actor, ['fee']);
  if (state.fee) throw new DomainError('FEE.ALREADY_ASSESSED', 'The fee has already been assessed');
  const inputs = { ...state.inputs, ...(command.data.inputs ?? {}) };
  const lines = computeFeeLines(ctx.definition.fee, inputs);
  return [
    { type: 'FeeAssessed', data: { stepId: step.id, desk, skrdNumber: command.data.skrdNumber, lines, total: feeTotal(lines), inputs } },
  ];
}

export function pay(command: CommandOf<'RecordPayment'>, state: DossierState, ctx: DecideContext): DossierEvent[] {
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
