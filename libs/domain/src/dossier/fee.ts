import type { FeeRule } from '../catalogue/service-definition.js';
import { DomainError } from '../shared/domain-error.js';
import type { FeeLine } from './dossier-events.js';

/**
 * The fee lines (retribusi) of a service for a dossier's inputs. Every line is
 * set here at once, so a bill never goes out with a line still missing.
 */
export function computeFeeLines(rule: FeeRule, inputs: Record<string, number>): FeeLine[] {
  switch (rule.kind) {
    case 'none':
      return [];
    case 'fixed':
      return rule.lines.map((l) => ({ code: l.code, label: l.label, amount: l.amount }));
    case 'formula': {
      let product = rule.unitPrice;
      for (const input of rule.inputs) {
        const value = inputs[input.code];
        if (value === undefined || !(value > 0))
          throw new DomainError('REGISTRATION.MISSING_INPUT', `Fee input "${input.code}" is missing`, {
            input: input.code,
          });
        product *= value;
      }
      // Whole Rupiah, rounded half up: the SKRD shows no fractions.
      return [{ code: 'retribusi', label: rule.line, amount: Math.round(product) }];
    }
  }
}

export const feeTotal = (lines: FeeLine[]): number => lines.reduce((s, l) => s + l.amount, 0);
