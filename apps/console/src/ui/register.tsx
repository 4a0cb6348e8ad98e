import { NIB_PATTERN, nikProblem, PHONE_PATTERN } from '#berkas/domain/identifiers';
import { useLocation } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { FeeEstimate } from './fee-form.js';
import { formatIdNumber, parseIdNumber } from '../i18n/catalogue.js';
import { api, type ServiceDefinition } from './api.js';
import { BASE, useSession } from './session.js';
import { Alert, useLang } from './i18n.js';
import { rememberReceipt } from './receipt.js';
import {
  ApplicationFields,
  applicationProblems,
  ApplicationSummary,
  emptyApplication,
  particularValues,
  waivedRequirements,
  type ApplicationDraft,
} from './register-particulars.js';

interface Draft {
  service: string;
  name: string;
  nik: string;
  phone: string;
  email: string;
  nib: string;
  language: 'id' | 'en';
  /** The applicant agreed to notices at the phone and e-mail given. */
  notices: boolean;
  requirements: string[];
  inputs: Record<string, string>;
  application: ApplicationDraft;
}

const empty = (service = ''): Draft => ({
  service,
  name: '',
  nik: '',
  phone: '',
  email: '',
  nib: '',
  language: 'id',
  notices: false,
  requirements: [],
  inputs: {},
  application: emptyApplication(),
});

/** What a browser's own e-mail check accepts, near enough: the API has the last word. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Digits only, so 021-555 1234 and (021) 5551234 both reach the API as 0215551234. */
const phoneDigits = (raw: string) => raw.trim().replace(/[\s().-]/g, '');

function problems(d: Draft, def: ServiceDefinition | undefined, t: ReturnType<typeof useLang>['t']): Record<string, string> {
  const out: Record<string, string> = {};
  if (!def) out.service = t('required');
  if (!/^[\p{L}][\p{L} .,'-]{1,119}$/u.test(d.name.trim())) out.name = t('required');
  if (nikProblem(d.nik.trim())) out.nik = t('nikInvalid');
  if (d.phone.trim() && !PHONE_PATTERN.test(phoneDigits(d.phone))) out.phone = t('phoneInvalid');
  if (d.email.trim() && !EMAIL.test(d.email.trim())) out.email = t('emailInvalid');
  if (d.notices && !d.phone.trim() && !d.email.trim()) out.notices = t('noticesNeedContact');
  if (d.nib.trim() ? !NIB_PATTERN.test(d.nib.trim()) : def?.applicant?.nib === 'required') out.nib = t('nibInvalid');
  const waived = waivedRequirements(d.application, def);
  for (const r of def?.requirements ?? [])
    if (r.mandatory && !waived.includes(r.code) && !d.requirements.includes(r.code)) out.requirements = t('required');
  Object.assign(out, applicationProblems(d.application, def, t));
  for (const i of def?.fee?.inputs ?? []) {
    // Typed the Indonesian way (1.250, 0,5): what cannot be read one way only is refused with the reason.
    const parsed = parseIdNumber(d.inputs[i.code] ?? '');
    if ('problem' in parsed) out[`input:${i.code}`] = t(parsed.problem);
    else if (parsed.value < i.min || parsed.value > i.max)
      out[`input:${i.code}`] = t('outOfRange', {
        range: t('range', { min: formatIdNumber(i.min), max: formatIdNumber(i.max), unit: i.unit }),
      });
  }
  return out;
}

/**
 * Registration at the front desk, generated from the service definition:
 * check, confirm on a summary, then register once. The idempotency key
 * belongs to the form, not the click, and the form clears after success.
 */
/** A fee input as typed (id-ID), as a number; only called on a draft that passed the checks. */
const figure = (typed: string): number => {
  const parsed = parseIdNumber(typed);
  return 'value' in parsed ? parsed.value : NaN;
};

export function RegisterPage() {
  const { t, tx, failure } = useLang();
  const { services: signedInWith, officer } = useSession();
  const { route } = useLocation();
  // The services as the MPP offers them now: a version its administrator published since this officer signed in
  // applies to this registration (issue 23), so the form asks what the server will check.
  const [services, setServices] = useState(signedInWith);
  useEffect(() => {
    api<ServiceDefinition[]>('GET', `/services${officer.tenant ? `?tenant=${encodeURIComponent(officer.tenant)}` : ''}`)
      .then((r) => setServices(r.data))
      .catch(() => undefined);
  }, []);
  const [draft, setDraft] = useState<Draft>(empty(signedInWith.length === 1 ? signedInWith[0].code : ''));
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [reviewing, setReviewing] = useState(false);
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const def = services.find((s) => s.code === draft.service);
  const found = problems(draft, def, t);
  const set = (change: Partial<Draft>) => setDraft({ ...draft, ...change });
  const show = (field: string) =>
    touched && found[field] ? (
      <span class="field-error" id={`err-${field}`}>
        {found[field]}
      </span>
    ) : null;

  /** A text field of the applicant's, with its complaint under it once the officer has tried to go on. */
  const field = (
    name: 'name' | 'nik' | 'phone' | 'email' | 'nib',
    label: string,
    attrs: { required?: boolean; maxLength: number; type?: 'text' | 'tel' | 'email'; inputMode?: 'numeric' },
  ) => (
    <label>
      {label}
      <input
        value={draft[name]}
        onInput={(e) => set({ [name]: e.currentTarget.value })}
        // Preact types each input type apart; any of these three takes the same attributes.
        type={(attrs.type ?? 'text') as 'text'}
        required={attrs.required}
        inputMode={attrs.inputMode}
        maxLength={attrs.maxLength}
        autoComplete="off"
      />
      {show(name)}
    </label>
  );

  const submit = async () => {
    if (!def) return;
    setBusy(true);
    setError('');
    try {
      const body = {
        service: def.code,
        applicant: {
          name: draft.name.trim(),
          nik: draft.nik.trim(),
          ...(draft.phone.trim() ? { phone: phoneDigits(draft.phone) } : {}),
          ...(draft.email.trim() ? { email: draft.email.trim() } : {}),
          ...(draft.nib.trim() ? { nib: draft.nib.trim() } : {}),
          language: draft.language,
          notices: draft.notices,
        },
        requirements: draft.requirements,
        inputs: Object.fromEntries(Object.entries(draft.inputs).map(([k, v]) => [k, figure(v)])),
        particulars: particularValues(draft.application, def),
        ...(draft.application.variant !== 'baru'
          ? { variant: draft.application.variant, previousPermitNumber: draft.application.previousPermit.trim() }
          : {}),
      };
      const r = await api<{ dossierId: string; registrationNumber: string; pin: string; dueAt?: string }>('POST', '/dossiers', body, {
        'Idempotency-Key': key,
      });
      rememberReceipt({
        ...r.data,
        service: def.name,
        applicant: body.applicant.name,
        requirements: def.requirements.filter((q) => draft.requirements.includes(q.code)).map((q) => q.label),
        registeredAt: new Date().toISOString(),
        registeredBy: officer?.name,
      });
      // A new form: a new key, nothing left over to register twice.
      setDraft(empty(draft.service));
      setKey(crypto.randomUUID());
      setReviewing(false);
      setTouched(false);
      route(`${BASE}/tanda-terima`);
    } catch (e) {
      setError(failure(e));
    } finally {
      setBusy(false);
    }
  };

  if (reviewing && def)
    return (
      <section class="card">
        <h1>{t('reviewBeforeSubmit')}</h1>
        <dl>
          <dt>{t('service')}</dt>
          <dd>{tx(def.name)}</dd>
          <dt>{t('applicantName')}</dt>
          <dd>{draft.name}</dd>
          <dt>{t('nik')}</dt>
          <dd>{draft.nik}</dd>
          {draft.nib && (
            <>
              <dt>{t('nib')}</dt>
              <dd>{draft.nib}</dd>
            </>
          )}
          {draft.phone && (
            <>
              <dt>{t('phone')}</dt>
              <dd>{draft.phone}</dd>
            </>
          )}
          {draft.email && (
            <>
              <dt>{t('email')}</dt>
              <dd>{draft.email}</dd>
            </>
          )}
          <ApplicationSummary def={def} draft={draft.application} />
          <dt>{t('notices')}</dt>
          <dd>{draft.notices ? t('noticesYes', { language: t(draft.language === 'en' ? 'english' : 'bahasa') }) : t('noticesNo')}</dd>
          <dt>{t('requirementsReceived')}</dt>
          <dd>
            <ul>
              {def.requirements
                .filter((r) => draft.requirements.includes(r.code))
                .map((r) => (
                  <li key={r.code}>{tx(r.label)}</li>
                ))}
            </ul>
          </dd>
          {(def.fee?.inputs ?? []).map((i) => (
            <>
              <dt key={`${i.code}-l`}>{tx(i.label)}</dt>
              <dd key={i.code}>
                {/* The figure as understood, written back the id-ID way: 1.250 is one thousand two hundred fifty. */}
                {formatIdNumber(figure(draft.inputs[i.code] ?? ''))} {i.unit}
              </dd>
            </>
          ))}
        </dl>
        {!!def.fee?.inputs?.length && (
          <FeeEstimate
            service={def.code}
            inputs={Object.fromEntries(Object.entries(draft.inputs).map(([k, v]) => [k, figure(v)]))}
            particulars={particularValues(draft.application, def)}
          />
        )}
        <Alert message={error} />
        <div class="action-list">
          <button type="button" disabled={busy} onClick={submit}>
            {t('submitRegistration')}
          </button>
          <button type="button" class="secondary" onClick={() => setReviewing(false)}>
            {t('backToForm')}
          </button>
        </div>
      </section>
    );

  return (
    <section class="card">
      <h1>{t('register')}</h1>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (!Object.keys(found).length) setReviewing(true);
        }}
      >
        <label>
          {t('chooseService')}
          <select
            value={draft.service}
            onChange={(e) => {
              // Another service is another form: its fields start clean, without the last one's complaints.
              setDraft(empty(e.currentTarget.value));
              setTouched(false);
            }}
            required
          >
            <option value="">—</option>
            {services.map((s) => (
              <option key={s.code} value={s.code}>
                {tx(s.name)}
              </option>
            ))}
          </select>
          {show('service')}
        </label>
        {def && (
          <>
            {field('name', t('applicantName'), { required: true, maxLength: 120 })}
            {field('nik', t('nik'), { required: true, inputMode: 'numeric', maxLength: 16 })}
            {field('phone', t('phone'), { type: 'tel', maxLength: 20 })}
            {field('email', t('email'), { type: 'email', maxLength: 254 })}
            {def.applicant?.nib === 'required'
              ? field('nib', t('nibRequired'), { required: true, inputMode: 'numeric', maxLength: 13 })
              : field('nib', t('nib'), { inputMode: 'numeric', maxLength: 13 })}
            <ApplicationFields
              def={def}
              draft={draft.application}
              set={(application) => set({ application })}
              show={show}
              onPrefill={(b) =>
                set({
                  name: b.applicant.name,
                  nik: b.applicant.nik,
                  phone: b.applicant.phone ?? '',
                  email: b.applicant.email ?? '',
                  nib: b.applicant.nib ?? '',
                  language: b.applicant.language ?? 'id',
                  notices: Boolean(b.applicant.notices),
                  // Figures written back the id-ID way, as an officer would type them.
                  inputs: Object.fromEntries(Object.entries(b.inputs).map(([k, v]) => [k, formatIdNumber(v)])),
                  application: {
                    ...draft.application,
                    particulars: Object.fromEntries(
                      Object.entries(b.particulars).map(([k, v]) => [k, typeof v === 'number' ? formatIdNumber(v) : v]),
                    ),
                  },
                })
              }
            />
            <fieldset>
              <legend>{t('notices')}</legend>
              <label class="check">
                <input type="checkbox" checked={draft.notices} onChange={(e) => set({ notices: e.currentTarget.checked })} />
                {t('noticesConsent')}
              </label>
              {show('notices')}
              <label>
                {t('noticeLanguage')}
                <select value={draft.language} onChange={(e) => set({ language: e.currentTarget.value === 'en' ? 'en' : 'id' })}>
                  <option value="id">{t('bahasa')}</option>
                  <option value="en">{t('english')}</option>
                </select>
              </label>
            </fieldset>
            <fieldset>
              <legend>{t('requirementsReceived')}</legend>
              {def.requirements.map((r) => (
                <label class="check" key={r.code}>
                  <input
                    type="checkbox"
                    checked={draft.requirements.includes(r.code)}
                    onChange={(e) =>
                      set({
                        requirements: e.currentTarget.checked
                          ? [...draft.requirements, r.code]
                          : draft.requirements.filter((c) => c !== r.code),
                      })
                    }
                  />
                  {tx(r.label)}{' '}
                  {r.mandatory && !waivedRequirements(draft.application, def).includes(r.code) && (
                    <small class="badge">{t('mandatory')}</small>
                  )}
                </label>
              ))}
              {show('requirements')}
            </fieldset>
            {(def.fee?.inputs ?? []).length > 0 && (
              <fieldset>
                <legend>{t('feeInputs')}</legend>
                {def.fee!.inputs!.map((i) => (
                  <label key={i.code}>
                    {tx(i.label)} ({i.unit}; {t('range', { min: formatIdNumber(i.min), max: formatIdNumber(i.max), unit: i.unit })})
                    <input
                      type="text"
                      inputMode="decimal"
                      autoComplete="off"
                      value={draft.inputs[i.code] ?? ''}
                      onInput={(e) => set({ inputs: { ...draft.inputs, [i.code]: e.currentTarget.value } })}
                      required
                    />
                    {show(`input:${i.code}`)}
                  </label>
                ))}
              </fieldset>
            )}
          </>
        )}
        <button type="submit">{t('continue')}</button>
      </form>
    </section>
  );
}
