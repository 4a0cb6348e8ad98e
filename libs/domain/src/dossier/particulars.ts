import type { ParticularDefinition, ServiceDefinition } from '../catalogue/service-definition.js';
import { DomainError } from '../shared/domain-error.js';
import type { Particulars } from './dossier-events.js';

/**
 * Checks what the counter took down against the service's particulars and
 * returns it cleaned (texts trimmed): an unknown field, a missing required one,
 * a choice that is not an option or a number out of range is refused with the
 * field and the reason, before anything is registered.
 */
export function checkParticulars(def: ServiceDefinition, given: Particulars): Particulars {
  const unknown = Object.keys(given).filter((k) => !def.particulars.some((p) => p.code === k));
  if (unknown.length)
    throw new DomainError('REGISTRATION.UNKNOWN_PARTICULAR', `Not a particular of ${def.code}: ${unknown.join(', ')}`, {
      unknown,
      known: def.particulars.map((p) => p.code),
    });
  const clean: Particulars = {};
  for (const p of def.particulars) {
    const raw = given[p.code];
    const value = typeof raw === 'string' ? raw.trim() : raw;
    if (value === undefined || value === '') {
      if (p.required)
        throw new DomainError('REGISTRATION.MISSING_PARTICULAR', `"${p.label.en}" is required for ${def.code}`, {
          particular: p.code,
          label: p.label,
        });
      continue;
    }
    clean[p.code] = checkOne(p, value);
  }
  return clean;
}

function checkOne(p: ParticularDefinition, value: string | number): string | number {
  const refuse = (why: string, details: Record<string, unknown> = {}): never => {
    throw new DomainError('REGISTRATION.INVALID_PARTICULAR', `"${p.label.en}" ${why}`, { particular: p.code, label: p.label, ...details });
  };
  switch (p.kind) {
    case 'text':
      if (typeof value !== 'string') return refuse('must be text');
      if (value.length > p.maxLength) return refuse(`must be at most ${p.maxLength} characters`, { maxLength: p.maxLength });
      if (/[\p{Cc}\p{Co}\p{Cn}]/u.test(value)) return refuse('contains characters that cannot be printed');
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return refuse('must be a number');
      if (p.integer && !Number.isInteger(value)) return refuse('must be a whole number');
      if (value < p.min || value > p.max)
        return refuse(`must be between ${p.min} and ${p.max} ${p.unit}`, { min: p.min, max: p.max, unit: p.unit });
      return value;
    case 'choice':
      if (typeof value !== 'string' || !p.options.some((o) => o.code === value))
        return refuse(`must be one of ${p.options.map((o) => o.code).join(', ')}`, { options: p.options.map((o) => o.code) });
      return value;
  }
}

/** A particular as printed: the choice's label, the number with its unit (id-ID), the text itself. */
export function particularText(p: ParticularDefinition, value: string | number, lang: 'id' | 'en'): string {
  switch (p.kind) {
    case 'choice':
      return p.options.find((o) => o.code === value)?.label[lang] ?? String(value);
    case 'number':
      return `${Number(value).toLocaleString('id-ID')} ${p.unit}`;
    case 'text':
      return String(value);
  }
}

/**
 * When a permit valid for a number of years lapses: the same day that many
 * years after its date (29 February falls to 28 February). Undefined for a
 * permit that holds as long as what it permits stands.
 */
export function permitValidUntil(validity: ServiceDefinition['validity'], issuedAt: string): string | undefined {
  if (validity.kind !== 'years') return undefined;
  const d = new Date(issuedAt);
  const later = new Date(d);
  later.setUTCFullYear(d.getUTCFullYear() + validity.years);
  if (later.getUTCMonth() !== d.getUTCMonth()) later.setUTCDate(0);
  return later.toISOString();
}
