import { DomainError } from '../shared/domain-error.js';
import { documentNumber, type DecideContext } from './decide-context.js';
import type { CommandOf } from './dossier-commands.js';
import type { DossierEvent } from './dossier-events.js';
import type { DossierState } from './dossier-state.js';
import { tariffYear } from '../catalogue/tariffs.js';
import { billDocumentOf, checkFeeInputs, computeFeeLines, feeTotal, normalizeReference, tariffBasisOf } from './fee.js';
import { acting, ensureActive, requireRole } from './guards.js';

// The fee desk: the SKRD with every line at once (or a reasoned exemption), then payments up to the total.

export function assessFee(command: CommandOf<'AssessFee'>, state: DossierState, ctx: DecideContext): DossierEvent[] {
  const { step, desk } = acting(state, ctx, command.metadata.actor, ['fee']);
  if (state.fee) throw new DomainError('FEE.ALREADY_ASSESSED', 'The fee has already been assessed');
  const rule = ctx.definition.fee;
  const given = command.data.inputs ?? {};
  checkFeeInputs(rule, given, false);
  const inputs = { ...state.inputs, ...given };
  const skrdNumber = documentNumber(ctx, 'AssessFee');
  const { exemption } = command.data;
  const bill = { stepId: step.id, desk, skrdNumber, inputs, document: billDocumentOf(rule) };
  if (exemption) {
    const ground = rule.kind === 'none' ? undefined : rule.exemptions.find((x) => x.code === exemption.code);
    if (!ground)
      throw new DomainError('FEE.EXEMPTION_NOT_ALLOWED', `"${exemption.code}" is not an exemption this service allows`, {
        allowed: rule.kind === 'none' ? [] : rule.exemptions.map((x) => x.code),
      });
    const waived = { code: ground.code, label: ground.label, legalBasis: ground.legalBasis, reason: exemption.reason };
    return [{ type: 'FeeAssessed', data: { ...bill, lines: [], total: 0, exemption: waived } }];
  }
  // The region's tariff of the year the bill is made (PBG's SHST and Ilo, a tax's rate), cited on it.
  const tariff = ctx.tariffs.forYear(tariffYear(command.metadata.at));
  const lines = computeFeeLines(rule, inputs, { particulars: state.particulars, tariff });
  const tariffBasis = tariffBasisOf(rule, tariff);
  return [{ type: 'FeeAssessed', data: { ...bill, lines, total: feeTotal(lines), ...(tariffBasis ? { tariffBasis } : {}) } }];
}

/**
 * Corrects an SKRD issued wrong: it is cancelled by an event of its own (the
 * old bill stays in the trail) and the fee desk can assess again. Only while
 * nothing is paid on it: money received against a bill is settled by a refund,
 * not by making the bill disappear.
 */
export function cancelFeeAssessment(command: CommandOf<'CancelFeeAssessment'>, state: DossierState, ctx: DecideContext): DossierEvent[] {
  const { step, desk } = acting(state, ctx, command.metadata.actor, ['fee']);
  if (!state.fee) throw new DomainError('FEE.NOT_ASSESSED', 'No fee has been assessed (SKRD) yet');
  if (state.fee.paid > 0)
    throw new DomainError('FEE.PAYMENT_RECORDED', `Rp ${state.fee.paid} is already paid on SKRD ${state.fee.skrdNumber}`, {
      skrdNumber: state.fee.skrdNumber,
      paid: state.fee.paid,
    });
  const { skrdNumber, total } = state.fee;
  return [{ type: 'FeeAssessmentCancelled', data: { stepId: step.id, desk, skrdNumber, total, reason: command.data.reason } }];
}

export function pay(command: CommandOf<'RecordPayment'>, state: DossierState, ctx: DecideContext): DossierEvent[] {
  // The bank's own notification (system) records a payment at the fee step without a desk; officers work it from theirs.
  if (command.metadata.actor.role === 'system') {
    ensureActive(state);
    if (ctx.definition.steps[state.stepIndex]?.kind !== 'fee')
      throw new DomainError('DOSSIER.NOT_AT_DESK', 'The dossier is not waiting for payment', {
        step: ctx.definition.steps[state.stepIndex]?.id,
      });
  } else acting(state, ctx, command.metadata.actor, ['fee']);
  if (!state.fee) throw new DomainError('FEE.NOT_ASSESSED', 'No fee has been assessed (SKRD) yet');
  const { amount, channel } = command.data;
  const reference = normalizeReference(command.data.reference);
  if (state.fee.payments.some((p) => p.reference === reference))
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

/**
 * A supervisor corrects a payment keyed in wrong (the amount it really was; 0
 * when it never came), with a reason: an event beside the recording, never an
 * edit. Only while the dossier is still at the fee desk: once it has gone on
 * as paid, money is settled by a refund or a new bill, not by rewriting.
 */
export function correctPayment(command: CommandOf<'CorrectPayment'>, state: DossierState, ctx: DecideContext): DossierEvent[] {
  requireRole(command.metadata.actor, ['supervisor']);
  ensureActive(state);
  if (!state.fee) throw new DomainError('FEE.NOT_ASSESSED', 'No fee has been assessed (SKRD) yet');
  if (ctx.definition.steps[state.stepIndex]?.kind !== 'fee')
    throw new DomainError('FEE.PAYMENT_SETTLED', 'The dossier has left the fee desk: settle a wrong payment by a refund or a new bill');
  const reference = normalizeReference(command.data.reference);
  const { channel, amount, reason } = command.data;
  const payment = state.fee.payments.find((p) => p.reference === reference && p.channel === channel);
  if (!payment)
    throw new DomainError('FEE.PAYMENT_NOT_FOUND', `No payment ${reference} (${channel}) is recorded on this SKRD`, {
      recorded: state.fee.payments.map((p) => ({ reference: p.reference, channel: p.channel })),
    });
  if (amount === payment.amount) throw new DomainError('FEE.CORRECTION_UNCHANGED', `Payment ${reference} is already Rp ${amount}`);
  const paidTotal = state.fee.paid - payment.amount + amount;
  if (paidTotal > state.fee.total)
    throw new DomainError('FEE.OVERPAYMENT', `Rp ${amount} would bring the payments above the bill`, {
      outstanding: state.fee.total - state.fee.paid + payment.amount,
    });
  return [
    {
      type: 'PaymentCorrected',
      data: { reference, channel, previousAmount: payment.amount, amount, reason, paidTotal, outstanding: state.fee.total - paidTotal },
    },
  ];
}

/**
 * A supervisor records that the refundable deposit (the removal bond billed
 * with pajak reklame) was paid back, with the transfer's reference and why
 * (the billboard removed, the application refused). Only once the dossier has
 * left the desks (issued, handed over, revoked, rejected or withdrawn), only
 * when the deposit was paid, and once: money out is an event, never an edit.
 */
export function refundDeposit(command: CommandOf<'RefundDeposit'>, state: DossierState): DossierEvent[] {
  requireRole(command.metadata.actor, ['supervisor']);
  const deposit = state.fee?.deposit;
  if (!state.fee || !deposit) throw new DomainError('FEE.NO_DEPOSIT', 'This dossier was billed no refundable deposit');
  if (deposit.refunded) throw new DomainError('FEE.DEPOSIT_REFUNDED', `The ${deposit.label.en} has already been refunded`);
  if (state.status === 'in-process' || state.status === 'returned')
    throw new DomainError('FEE.DEPOSIT_HELD', 'The deposit is held while the dossier is still being worked on');
  if (state.fee.paid < state.fee.total)
    throw new DomainError('FEE.DEPOSIT_NOT_PAID', `The bill is not paid in full (Rp ${state.fee.paid} of Rp ${state.fee.total})`, {
      paid: state.fee.paid,
      total: state.fee.total,
    });
  const { reason } = command.data;
  const reference = normalizeReference(command.data.reference);
  return [{ type: 'DepositRefunded', data: { code: deposit.code, label: deposit.label, amount: deposit.amount, reference, reason } }];
}
