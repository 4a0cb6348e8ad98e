import { feeInputsOf, type FeeRule, type IndexedParticular } from '../catalogue/service-definition.js';
import type { TariffYear } from '../catalogue/tariffs.js';
import { DomainError } from '../shared/domain-error.js';
import type { FeeLine, Particulars } from './dossier-events.js';

/** What a fee reads besides its measured inputs: the dossier's particulars and the region's tariff for the year. */
export interface FeeFacts {
  particulars?: Particulars;
  tariff?: TariffYear;
}

/**
 * Refuses fee inputs the rule does not know or that lie outside the ranges it
 * gives, and (with `complete`) a formula input that is missing.
 */
export function checkFeeInputs(rule: FeeRule, inputs: Record<string, number>, complete: boolean): void {
  const known = feeInputsOf(rule);
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
export function computeFeeLines(rule: FeeRule, inputs: Record<string, number>, facts: FeeFacts = {}): FeeLine[] {
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
    case 'pbg':
      lines = [pbgLine(rule, inputs, facts)];
      break;
    case 'tax':
      lines = taxLines(rule, inputs, facts);
      break;
  }
  const total = feeTotal(lines.filter((l) => !l.refundable));
  if (total < rule.minimum)
    lines.push({
      code: 'minimum',
      label: { id: 'Penyesuaian ke retribusi minimum', en: 'Raised to the minimum fee' },
      amount: rule.minimum - total,
    });
  return lines;
}

/** Number formats by their digits, made once: toLocaleString builds a new one per call, and a bill prints dozens. */
const formats = new Map<number, Intl.NumberFormat>();
const fmt = (n: number, digits = 4): string => {
  let f = formats.get(digits);
  if (!f) formats.set(digits, (f = new Intl.NumberFormat('id-ID', { maximumFractionDigits: digits })));
  return f.format(n);
};

/** The index a particular's value gives: its option's, or the first band the number does not exceed. */
function indexOf(p: IndexedParticular, particulars: Particulars): number {
  const value = particulars[p.particular];
  if (value === undefined)
    throw new DomainError('REGISTRATION.MISSING_PARTICULAR', `"${p.particular}" decides the fee and is missing`, {
      particular: p.particular,
    });
  if (p.indices) {
    const index = p.indices[String(value)];
    if (index === undefined)
      throw new DomainError('REGISTRATION.INVALID_PARTICULAR', `"${p.particular}" has no index for ${value}`, { particular: p.particular });
    return index;
  }
  const n = Number(value);
  return p.bands!.find((b) => b.upTo === undefined || n <= b.upTo)!.index;
}

/** Whether a rule reads the region's tariff of the year (PBG's SHST and Ilo, a tax's rate). */
export const needsTariff = (rule: FeeRule): boolean => rule.kind === 'pbg' || rule.kind === 'tax';

function tariffOf(facts: FeeFacts): TariffYear {
  if (!facts.tariff) throw new DomainError('FEE.NO_TARIFF', 'The region has no tariff for this year yet: the fee cannot be computed', {});
  return facts.tariff;
}

/**
 * PBG retribusi (PP 16/2021, Lampiran): LLt x It x Ilo x SHST, where
 * It = If x sum(weight x parameter index) x Fm. The figures it used are
 * printed under the line, so the applicant can check the bill.
 */
function pbgLine(rule: Extract<FeeRule, { kind: 'pbg' }>, inputs: Record<string, number>, facts: FeeFacts): FeeLine {
  const tariff = tariffOf(facts);
  if (!tariff.pbg) throw new DomainError('FEE.NO_TARIFF', `The ${tariff.year} tariff sets no SHST and Ilo for PBG`, { year: tariff.year });
  const particulars = facts.particulars ?? {};
  const area = inputs[rule.inputs[0].code];
  const sum = rule.parameters.reduce((acc, p) => acc + (p.weight ?? 0) * indexOf(p, particulars), 0);
  // Rounded as the regulation's tables are (four decimals), so the printed It is the one multiplied.
  const it = Math.round(indexOf(rule.function, particulars) * sum * indexOf(rule.ownership, particulars) * 10_000) / 10_000;
  const { ilo, shst } = tariff.pbg;
  return {
    code: 'retribusi',
    label: rule.line,
    amount: Math.round(area * it * ilo * shst),
    detail: `LLt ${fmt(area, 2)} m² × It ${fmt(it)} × Ilo ${fmt(ilo)} × SHST Rp ${fmt(shst, 0)}`,
  };
}

/** A regional tax (SKPD): rate x rental value, the rental value the inputs' product times the location class's value; the deposit beside it. */
function taxLines(rule: Extract<FeeRule, { kind: 'tax' }>, inputs: Record<string, number>, facts: FeeFacts): FeeLine[] {
  const tariff = tariffOf(facts);
  const tax = tariff.taxes[rule.tariff];
  if (!tax)
    throw new DomainError('FEE.NO_TARIFF', `The ${tariff.year} tariff sets no ${rule.tariff} tax`, { year: tariff.year, tax: rule.tariff });
  const location = String((facts.particulars ?? {})[rule.locationClass] ?? '');
  const value = tax.rentalValues[location];
  if (value === undefined)
    throw new DomainError('FEE.NO_TARIFF', `The ${tariff.year} tariff has no rental value for location class "${location}"`, {
      year: tariff.year,
      locationClass: location,
    });
  const product = rule.inputs.reduce((p, i) => p * inputs[i.code], 1);
  const rental = product * value;
  const lines: FeeLine[] = [
    {
      code: 'pajak',
      label: rule.line,
      amount: Math.round(rental * tax.rate),
      detail: `${rule.inputs.map((i) => `${fmt(inputs[i.code], 2)} ${i.unit}`).join(' × ')} × Rp ${fmt(value, 0)} = NSR Rp ${fmt(Math.round(rental), 0)}; ${fmt(tax.rate * 100, 2)}% × NSR`,
    },
  ];
  if (rule.deposit) lines.push({ code: rule.deposit.code, label: rule.deposit.label, amount: rule.deposit.amount, refundable: true });
  return lines;
}

/** The regulations a fee's tariff comes from, cited for the bill. */
export function tariffBasisOf(rule: FeeRule, tariff: TariffYear | undefined): string[] | undefined {
  const basis = rule.kind === 'pbg' ? tariff?.pbg?.basis : rule.kind === 'tax' ? tariff?.taxes[rule.tariff]?.basis : undefined;
  // A Perda or Perkada is the region's own: its region is named with it.
  const regional = (kind: string) => kind === 'Perda' || kind === 'Perkada';
  return basis?.map((b) => `${b.kind} ${b.number}/${b.year} tentang ${b.title}${tariff && regional(b.kind) ? `, ${tariff.region}` : ''}`);
}

/** The bill a rule makes: an SKPD for a tax, an SKRD for a levy. */
export const billDocumentOf = (rule: FeeRule): 'SKRD' | 'SKPD' => (rule.kind === 'tax' ? 'SKPD' : 'SKRD');

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

/** A payment claim's channel and reference, back from its key; undefined for a key that is not a payment's. */
export function paymentOfClaim(claim: string): { channel: string; reference: string } | undefined {
  if (!claim.startsWith('payment/')) return undefined;
  const rest = claim.slice('payment/'.length);
  const slash = rest.indexOf('/');
  return slash > 0 ? { channel: rest.slice(0, slash), reference: rest.slice(slash + 1) } : undefined;
}
