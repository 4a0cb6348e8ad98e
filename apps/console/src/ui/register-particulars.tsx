import { useState } from 'preact/hooks';
import { formatIdNumber, parseIdNumber } from '../i18n/catalogue.js';
import { api, type ParticularDef, type ServiceDefinition } from './api.js';
import { Alert, useLang } from './i18n.js';

/** What a renewal or amendment starts from: the previous permit as the register holds it (GET /api/permits/renewal-basis). */
export interface RenewalBasis {
  permitNumber: string;
  service: string;
  validUntil: string | null;
  revoked: boolean;
  applicant: { name: string; nik: string; phone?: string; email?: string; nib?: string; language?: 'id' | 'en'; notices?: boolean };
  particulars: Record<string, string | number>;
  inputs: Record<string, number>;
}

// What the counter takes down about the object of the permit (address, function, floors, a billboard's size),
// and the kind of application (new, renewal, amendment): generated from the service definition.

/** The application part of the registration form, as typed. */
export interface ApplicationDraft {
  particulars: Record<string, string>;
  variant: string;
  previousPermit: string;
}

export const emptyApplication = (): ApplicationDraft => ({ particulars: {}, variant: 'baru', previousPermit: '' });

type T = ReturnType<typeof useLang>['t'];

/** The complaint under each particular, keyed `particular:<code>`, and under the previous permit number. */
export function applicationProblems(a: ApplicationDraft, def: ServiceDefinition | undefined, t: T): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of def?.particulars ?? []) {
    const typed = (a.particulars[p.code] ?? '').trim();
    const key = `particular:${p.code}`;
    if (!typed) {
      if (p.required !== false) out[key] = t('required');
      continue;
    }
    if (p.kind === 'number') {
      // Typed the Indonesian way (1.250, 0,5), as the fee inputs are.
      const parsed = parseIdNumber(typed);
      if ('problem' in parsed) out[key] = t(parsed.problem);
      else if (p.integer && !Number.isInteger(parsed.value)) out[key] = t('wholeNumber');
      else if (parsed.value < (p.min ?? 0) || parsed.value > (p.max ?? Infinity))
        out[key] = t('outOfRange', {
          range: t('range', { min: formatIdNumber(p.min ?? 0), max: formatIdNumber(p.max ?? 0), unit: p.unit ?? '' }),
        });
    } else if (p.kind === 'text' && typed.length > (p.maxLength ?? 200)) out[key] = t('tooLong', { max: String(p.maxLength ?? 200) });
  }
  const variant = def?.variants?.find((v) => v.code === a.variant);
  if (variant?.previousPermit && !a.previousPermit.trim()) out.previousPermit = t('required');
  return out;
}

/** The particulars as the API takes them: numbers read the id-ID way, texts trimmed, empty ones left out. */
export function particularValues(a: ApplicationDraft, def: ServiceDefinition): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const p of def.particulars ?? []) {
    const typed = (a.particulars[p.code] ?? '').trim();
    if (!typed) continue;
    if (p.kind === 'number') {
      const parsed = parseIdNumber(typed);
      out[p.code] = 'value' in parsed ? parsed.value : NaN;
    } else out[p.code] = typed;
  }
  return out;
}

/** Requirements the chosen variant does not ask again (a renewal does not bring the land title twice). */
export const waivedRequirements = (a: ApplicationDraft, def: ServiceDefinition | undefined): string[] =>
  def?.variants?.find((v) => v.code === a.variant)?.waives ?? [];

/** A particular as understood: the choice's label, the number written back the id-ID way with its unit. */
function shown(p: ParticularDef, typed: string, tx: ReturnType<typeof useLang>['tx']): string {
  if (p.kind === 'choice') return tx(p.options?.find((o) => o.code === typed)?.label ?? { id: typed, en: typed });
  if (p.kind === 'number') {
    const parsed = parseIdNumber(typed);
    return 'value' in parsed ? `${formatIdNumber(parsed.value)} ${p.unit ?? ''}` : typed;
  }
  return typed;
}

/** The variant chooser, the previous permit's number, and one field per particular. */
export function ApplicationFields(props: {
  def: ServiceDefinition;
  draft: ApplicationDraft;
  set: (a: ApplicationDraft) => void;
  show: (field: string) => preact.JSX.Element | null;
  /** Fills the form from the previous permit (holder, particulars, fee inputs). */
  onPrefill: (basis: RenewalBasis) => void;
}) {
  const { t, tx, failure, lang } = useLang();
  const { def, draft, set, show } = props;
  const [lookup, setLookup] = useState<{ error?: string; found?: RenewalBasis }>({});
  const fetchPrevious = async () => {
    setLookup({});
    try {
      const r = await api<RenewalBasis>('GET', `/permits/renewal-basis?number=${encodeURIComponent(draft.previousPermit.trim())}`);
      if (r.data.service !== def.code) setLookup({ error: t('previousPermitOtherService') });
      else {
        setLookup({ found: r.data });
        props.onPrefill(r.data);
      }
    } catch (e) {
      setLookup({ error: failure(e) });
    }
  };
  const variants = def.variants ?? [];
  const variant = variants.find((v) => v.code === draft.variant);
  return (
    <>
      {variants.length > 1 && (
        <fieldset>
          <legend>{t('variant')}</legend>
          <label>
            {t('variant')}
            <select value={draft.variant} onChange={(e) => set({ ...draft, variant: e.currentTarget.value, previousPermit: '' })}>
              {variants.map((v) => (
                <option key={v.code} value={v.code}>
                  {tx(v.label)}
                </option>
              ))}
            </select>
          </label>
          {variant?.previousPermit && (
            <label>
              {t('previousPermit')}
              <input
                name="previous-permit"
                value={draft.previousPermit}
                maxLength={60}
                autoComplete="off"
                required
                onInput={(e) => set({ ...draft, previousPermit: e.currentTarget.value })}
              />
              <small>{t('previousPermitHint')}</small>
              {show('previousPermit')}
            </label>
          )}
          {variant?.previousPermit && (
            <div class="action-list">
              <button type="button" class="secondary" disabled={!draft.previousPermit.trim()} onClick={fetchPrevious}>
                {t('previousPermitFetch')}
              </button>
            </div>
          )}
          {lookup.error && <Alert message={lookup.error} />}
          {lookup.found && (
            <p class="hint" role="status">
              {lookup.found.validUntil
                ? t('previousPermitFoundUntil', {
                    number: lookup.found.permitNumber,
                    until: new Date(lookup.found.validUntil).toLocaleDateString(lang === 'en' ? 'en-GB' : 'id-ID', {
                      timeZone: 'Asia/Jakarta',
                      day: 'numeric',
                      month: 'long',
                      year: 'numeric',
                    }),
                  })
                : t('previousPermitFound', { number: lookup.found.permitNumber })}
              {lookup.found.revoked && ` ${t('previousPermitRevoked')}`}
            </p>
          )}
        </fieldset>
      )}
      {(def.particulars ?? []).length > 0 && (
        <fieldset>
          <legend>{t('particulars')}</legend>
          {def.particulars!.map((p) => {
            const value = draft.particulars[p.code] ?? '';
            const change = (v: string) => set({ ...draft, particulars: { ...draft.particulars, [p.code]: v } });
            return (
              <label key={p.code}>
                {tx(p.label)}
                {p.kind === 'number' &&
                  ` (${t('range', { min: formatIdNumber(p.min ?? 0), max: formatIdNumber(p.max ?? 0), unit: p.unit ?? '' })})`}
                {p.required === false && <small class="badge">{t('optional')}</small>}
                {p.kind === 'choice' ? (
                  <select name={p.code} value={value} required={p.required !== false} onChange={(e) => change(e.currentTarget.value)}>
                    <option value="">—</option>
                    {p.options!.map((o) => (
                      <option key={o.code} value={o.code}>
                        {tx(o.label)}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    name={p.code}
                    type="text"
                    inputMode={p.kind === 'number' ? 'decimal' : undefined}
                    autoComplete="off"
                    maxLength={p.kind === 'text' ? (p.maxLength ?? 200) : 20}
                    required={p.required !== false}
                    value={value}
                    onInput={(e) => change(e.currentTarget.value)}
                  />
                )}
                {show(`particular:${p.code}`)}
              </label>
            );
          })}
        </fieldset>
      )}
    </>
  );
}

/** The application part of the summary before registering: the variant, the previous permit, each particular as understood. */
export function ApplicationSummary({ def, draft }: { def: ServiceDefinition; draft: ApplicationDraft }) {
  const { t, tx } = useLang();
  const variant = def.variants?.find((v) => v.code === draft.variant);
  return (
    <>
      {variant && (def.variants?.length ?? 0) > 1 && (
        <>
          <dt>{t('variant')}</dt>
          <dd>{tx(variant.label)}</dd>
        </>
      )}
      {variant?.previousPermit && (
        <>
          <dt>{t('previousPermit')}</dt>
          <dd>{draft.previousPermit.trim()}</dd>
        </>
      )}
      {(def.particulars ?? [])
        .filter((p) => (draft.particulars[p.code] ?? '').trim())
        .map((p) => (
          <>
            <dt key={`${p.code}-l`}>{tx(p.label)}</dt>
            <dd key={p.code}>{shown(p, draft.particulars[p.code].trim(), tx)}</dd>
          </>
        ))}
    </>
  );
}
