import type { FeeRule } from '../catalogue/service-definition.js';
import { DomainError } from '../shared/domain-error.js';
import type { FeeLine } from './dossier-events.js';

/**
 * Refuses fee inputs the rule does not know or that lie outside the ranges it
 * gives, and (with `complete`) a formula input that is missing.
 */
export function checkFeeInputs(rule: FeeRule, inputs: Record<string, number>, complete: boolean): void {
  const known = rule.kind === 'formula' ? rule.inputs : [];
  const unknown = Object.keys(inputs).filter((k) => !known.some((i) => i.code === k));
  if (unknown.length)
    throw new DomainError('FEE.UNKNOWN_INPUT', `Not a fee input of this service: ${unknown.join(', ')}`, {
      unknown,
      known: known.map((i) => i.code),
    });
  for (const input of known) {
    const value = inputs[input.code];
    if (value === undefined) {
      if (complete) throw new DomainError('REGISTRATION.MISSING_INPUT', `Fee input "${input.code}" is missing`, { input: input.code });
      continue;
    }
    if (!Number.isFinite(value) || value < input.min || value > input.max)
      throw new DomainError(
        'FEE.INPUT_OUT_OF_RANGE',
        `Fee input "${input.code}" must be between ${input.min} and ${input.max} ${input.unit}, not ${value}`,
        { input: input.code, min: input.min, max: input.max, unit: input.unit, value },
      );
  }
}

/**
 * The fee lines (retribusi) of a service for a dossier's inputs. Every line is
 * set here at once, so a bill never goes out with a line still missing; a bill
 * below the rule's minimum gets a line that raises it to the minimum.
 */
export function computeFeeLines(rule: FeeRule, inputs: Record<string, number>): FeeLine[] {
  checkFeeInputs(rule, inputs, true);
  let lines: FeeLine[];
  switch (rule.kind) {
    case 'none':
      return [];
    case 'fixed':
      lines = rule.lines.map((l) => ({ code: l.code, label: l.label, amount: l.amount }));
      break;
    case 'formula': {
      const product = rule.inputs.reduce((p, input) => p * inputs[input.code], rule.unitPrice);
      // Whole Rupiah, rounded half up: the SKRD shows no fractions.
      lines = [{ code: 'retribusi', label: rule.line, amount: Math.round(product) }];
      break;
    }
  }
  const total = feeTotal(lines);
  if (total < rule.minimum)
    lines.push({
      code: 'minimum',
      label: { id: 'Penyesuaian ke retribusi minimum', en: 'Raised to the minimum fee' },
      amount: rule.minimum - total,
    });
  return lines;
}

export const feeTotal = (lines: FeeLine[]): number => lines.reduce((s, l) => s + l.amount, 0);

/** Payment references as banks treat them: case and spaces do not make a new transfer. */
export const normalizeReference = (reference: string): string => reference.replace(/\s+/g, '').toUpperCase();

/**
 * What a dossier's new events take for good across the whole register: a
 * payment's reference per channel (one bank transfer settles one SKRD). The
 * store refuses an append whose claim another dossier holds.
 */
export const uniqueClaimsOf = (events: readonly { type: string; data: unknown }[]): string[] =>
  events.flatMap((e) => {
    if (e.type !== 'PaymentRecorded') return [];
    const { channel, reference } = e.data as { channel: string; reference: string };
    return [paymentClaim(channel, reference)];
  });

/** The register-wide key of a payment reference on a channel. */
export const paymentClaim = (channel: string, reference: string): string => `payment/${channel}/${normalizeReference(reference)}`;
