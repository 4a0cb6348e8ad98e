import type { UiKey } from './ui-text.js';

/**
 * Numbers as Indonesians write them (id-ID): `.` groups thousands, `,` marks
 * the decimals. `1.250` is one thousand two hundred fifty, `0,5` is a half,
 * `187.500.000` is Rupiah 187.5 million. What could be read two ways is
 * refused with a sentence instead of being guessed: `1.25` (a decimal point,
 * or a thousands group cut short?), `1,250` (a decimal comma, or an English
 * thousands comma?), and anything mixing both the English way (`1,250.5`).
 */
export type ParsedNumber = { value: number } | { problem: UiKey };

const GROUPED = /^\d{1,3}(\.\d{3})+(,\d+)?$/;
const PLAIN = /^\d+(,\d+)?$/;

export function parseIdNumber(text: string, kind: 'decimal' | 'rupiah' = 'decimal'): ParsedNumber {
  const s = text.replace(/\s+/g, '').replace(/^Rp\.?/i, '');
  if (!s) return { problem: 'numberEmpty' };
  if (/^\d{1,3}(,\d{3})+\.\d+$/.test(s) || /^\d{1,3}(,\d{3}){2,}$/.test(s)) return { problem: 'numberEnglish' };
  // One comma and three digits after a non-zero whole part: 1,25 written with a trailing zero, or 1250 the English way.
  if (/^[1-9]\d{0,2},\d{3}$/.test(s)) return { problem: 'numberAmbiguousComma' };
  if (!GROUPED.test(s) && !PLAIN.test(s)) {
    // A dot that does not group three digits reads as an English decimal point.
    return /^\d+\.\d+$/.test(s) ? { problem: 'numberUseComma' } : { problem: 'numberInvalid' };
  }
  const value = Number(s.replace(/\./g, '').replace(',', '.'));
  if (!Number.isFinite(value)) return { problem: 'numberInvalid' };
  if (kind === 'rupiah' && !Number.isInteger(value)) return { problem: 'rupiahWhole' };
  return { value };
}

/** A number written the id-ID way: 1250 as `1.250`, 0.5 as `0,5`. */
export function formatIdNumber(value: number): string {
  return value.toLocaleString('id-ID', { maximumFractionDigits: 6 });
}
