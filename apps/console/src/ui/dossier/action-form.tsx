import { useRef, useState } from 'preact/hooks';
import { formatIdNumber, parseIdNumber, rupiah, type UiKey } from '../../i18n/catalogue.js';
import { type Dossier, type Label } from '../api.js';
import { Alert, useLang } from '../i18n.js';

/** Today in the MPP's zone, as a date input's minimum (yyyy-mm-dd). */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());

/** What the API takes as a payment reference (PaymentDto). */
const REFERENCE = /^[A-Za-z0-9/_. -]+$/;

/** An action as the page offers it: its words, its route, what its form asks. */
export interface ActionSpec {
  key: UiKey;
  path: string;
  /** Fields the form asks for. */
  fields?: (
    | 'reasons'
    | 'note'
    | 'noteRequired'
    | 'reference'
    | 'amount'
    | 'channel'
    | 'receivedBy'
    | 'reason'
    /** A payment on the SKRD, chosen from those recorded (a supervisor's correction). */
    | 'payment'
    /** What that payment really was: 0 up to what the bill allows. */
    | 'correctedAmount'
    /** A site inspection: its date (from today), the inspector; its report (BAP): result, number, findings. */
    | 'scheduledFor'
    | 'inspector'
    | 'inspectionResult'
    | 'reportNumber'
    | 'findings'
    /** The step a send-back or a repair takes the dossier to (issue 23), chosen from `steps`. */
    | 'toStep'
  )[];
  /** The steps `toStep` offers, in the order offered. */
  steps?: { id: string; label: Label; note?: UiKey }[];
  /** The shortest reason the API takes. */
  reasonMin?: number;
  /** What the reference field is called when it is not a payment's (a refund's transfer). */
  referenceLabel?: UiKey;
  /** A form of its own instead of the generic one. */
  form?: 'fee';
  body?: Record<string, unknown>;
  /** Irreversible: a confirmation says what will happen. */
  confirm?: UiKey;
  danger?: boolean;
}

/** The form behind an action: what it asks, and a confirmation of what cannot be undone. */
export function ActionForm(props: {
  spec: ActionSpec;
  d: Dossier;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (body: Record<string, unknown>) => void;
}) {
  const { t, tx, lang } = useLang();
  const { spec, d } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const [pending, setPending] = useState<Record<string, unknown> | null>(null);
  const [problem, setProblem] = useState('');
  const fields = spec.fields ?? [];
  const payments = d.fee?.payments ?? [];
  const submit = (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const body: Record<string, unknown> = {};
    if (fields.includes('reasons')) {
      const reasons = String(f.get('reasons') ?? '')
        .split('\n')
        .map((r) => r.trim())
        .filter(Boolean);
      if (!reasons.length) return setProblem(`${t('reasons')}: ${t('required')}`);
      body.reasons = reasons;
    }
    if (fields.includes('note') && String(f.get('note') ?? '').trim()) body.note = String(f.get('note')).trim();
    if (fields.includes('noteRequired')) body.note = String(f.get('note') ?? '').trim();
    if (fields.includes('reason')) {
      body.reason = String(f.get('reason') ?? '').trim();
      if (spec.reasonMin && String(body.reason).length < spec.reasonMin)
        return setProblem(`${t('reason')}: ${t('minChars', { n: spec.reasonMin })}`);
    }
    if (fields.includes('receivedBy')) body.receivedBy = String(f.get('receivedBy') ?? '').trim();
    if (fields.includes('reference')) {
      body.reference = String(f.get('reference') ?? '').trim();
      // The API's rule, said here in the officer's words beside the field.
      if (!REFERENCE.test(String(body.reference))) return setProblem(`${t('reference')}: ${t('referenceChars')}`);
    }
    if (fields.includes('amount')) {
      // Rupiah as typed at the counter: 187.500.000.
      const parsed = parseIdNumber(String(f.get('amount') ?? ''), 'rupiah');
      if ('problem' in parsed) return setProblem(`${t('amount')}: ${t(parsed.problem)}`);
      const amount = parsed.value;
      if (amount < 1 || amount > (d.fee?.outstanding ?? Infinity))
        return setProblem(
          `${t('amount')}: ${t('outOfRange', { range: t('range', { min: rupiah(1, lang), max: rupiah(d.fee?.outstanding ?? 0, lang), unit: '' }) })}`,
        );
      body.amount = amount;
    }
    if (fields.includes('channel')) body.channel = String(f.get('channel'));
    if (fields.includes('scheduledFor')) body.scheduledFor = String(f.get('scheduledFor') ?? '');
    if (fields.includes('inspector') && String(f.get('inspector') ?? '').trim()) body.inspector = String(f.get('inspector')).trim();
    if (fields.includes('inspectionResult')) body.result = String(f.get('result'));
    if (fields.includes('reportNumber')) body.reportNumber = String(f.get('reportNumber') ?? '').trim();
    if (fields.includes('findings')) body.findings = String(f.get('findings') ?? '').trim();
    if (fields.includes('payment')) {
      const chosen = payments[Number(f.get('payment'))];
      if (!chosen) return setProblem(`${t('payment')}: ${t('required')}`);
      body.reference = chosen.reference;
      body.channel = chosen.channel;
      const parsed = parseIdNumber(String(f.get('correctedAmount') ?? ''), 'rupiah');
      if ('problem' in parsed) return setProblem(`${t('correctedAmount')}: ${t(parsed.problem)}`);
      const most = chosen.amount + (d.fee?.outstanding ?? 0);
      if (parsed.value > most)
        return setProblem(
          `${t('correctedAmount')}: ${t('outOfRange', { range: t('range', { min: rupiah(0, lang), max: rupiah(most, lang), unit: '' }) })}`,
        );
      body.amount = parsed.value;
    }
    if (fields.includes('toStep')) {
      body.toStepId = String(f.get('toStep') ?? '');
      if (!body.toStepId) return setProblem(`${t('toStep')}: ${t('required')}`);
    }
    setProblem('');
    if (spec.confirm) {
      setPending(body);
      queueMicrotask(() => dialog.current?.showModal());
    } else props.onSubmit(body);
  };
  return (
    <form class="action-form" onSubmit={submit}>
      <h3>{t(spec.key)}</h3>
      {fields.includes('toStep') && (
        <label>
          {t('toStep')}
          <select name="toStep" required>
            {(spec.steps ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {tx(s.label)}
                {s.note ? ` (${t(s.note)})` : ''}
              </option>
            ))}
          </select>
        </label>
      )}
      {fields.includes('reasons') && (
        <label>
          {t('reasons')} <small>({t('reasonsHint')})</small>
          <textarea name="reasons" rows={3} required maxLength={2000} />
        </label>
      )}
      {(fields.includes('note') || fields.includes('noteRequired')) && (
        <label>
          {t('note')}
          <textarea name="note" rows={2} required={fields.includes('noteRequired')} maxLength={1000} />
        </label>
      )}
      {fields.includes('reason') && (
        <label>
          {t('reason')} {spec.reasonMin && <small>({t('minChars', { n: spec.reasonMin })})</small>}
          <textarea name="reason" rows={2} required minLength={spec.reasonMin} maxLength={spec.reasonMin ? 500 : 1000} />
        </label>
      )}
      {fields.includes('receivedBy') && (
        <label>
          {t('receivedBy')}
          <input name="receivedBy" required maxLength={120} defaultValue={d.applicant.name} />
        </label>
      )}
      {fields.includes('reference') && (
        <label>
          {t(spec.referenceLabel ?? 'reference')}
          <input
            name="reference"
            required
            maxLength={80}
            autoComplete="off"
            onInput={(e) => {
              // Said by the browser beside the field, in the officer's words (a pattern attribute would say it in the browser's).
              const input = e.currentTarget;
              input.setCustomValidity(REFERENCE.test(input.value.trim()) || !input.value ? '' : t('referenceChars'));
            }}
          />
        </label>
      )}
      {fields.includes('amount') && (
        <label>
          {t('amount')} ({t('outstanding')}: {rupiah(d.fee?.outstanding ?? 0, lang)})
          <input
            name="amount"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            required
            defaultValue={formatIdNumber(d.fee?.outstanding ?? 0)}
          />
        </label>
      )}
      {fields.includes('channel') && (
        <label>
          {t('channel')}
          <select name="channel">
            <option value="cashier">{t('cashier')}</option>
            <option value="bank">{t('bank')}</option>
            <option value="qris">{t('qris')}</option>
          </select>
        </label>
      )}
      {fields.includes('scheduledFor') && (
        <label>
          {t('inspectionDate')}
          <input name="scheduledFor" type="date" required min={today()} />
        </label>
      )}
      {fields.includes('inspector') && (
        <label>
          {t('inspector')}
          <input name="inspector" required maxLength={120} />
        </label>
      )}
      {fields.includes('inspectionResult') && (
        <label>
          {t('inspectionResult')}
          <select name="result">
            <option value="passed">{t('inspectionPassed')}</option>
            <option value="failed">{t('inspectionFailed')}</option>
          </select>
        </label>
      )}
      {fields.includes('reportNumber') && (
        <label>
          {t('reportNumber')}
          <input name="reportNumber" required maxLength={80} placeholder="BAP/PUPR/2026/117" />
        </label>
      )}
      {fields.includes('findings') && (
        <label>
          {t('findings')}
          <textarea name="findings" rows={3} required maxLength={2000} />
        </label>
      )}
      {fields.includes('payment') && (
        <label>
          {t('payment')}
          <select name="payment" required>
            {payments.map((p, i) => (
              <option key={`${p.channel}/${p.reference}`} value={i}>
                {p.reference} · {t(p.channel as UiKey)} · {rupiah(p.amount, lang)}
              </option>
            ))}
          </select>
        </label>
      )}
      {fields.includes('correctedAmount') && (
        <label>
          {t('correctedAmount')} <small>({t('correctedAmountHint')})</small>
          <input name="correctedAmount" type="text" inputMode="numeric" autoComplete="off" required />
        </label>
      )}
      <Alert message={problem} />
      <div class="action-list">
        <button type="submit" class={spec.danger ? 'danger' : ''} disabled={props.busy}>
          {t(spec.confirm ? 'continue' : spec.key)}
        </button>
        <button type="button" class="secondary" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </div>
      <dialog ref={dialog} aria-labelledby="confirm-title" onClose={() => setPending(null)}>
        <h3 id="confirm-title">{t('confirmTitle')}</h3>
        <p>
          {spec.confirm &&
            t(spec.confirm, {
              number: d.registrationNumber,
              skrd: d.fee?.skrdNumber ?? '',
              // A payment or a correction is read back as it will be recorded.
              amount: typeof pending?.amount === 'number' ? rupiah(pending.amount, lang) : '',
              reference: String(pending?.reference ?? ''),
              channel: pending?.channel ? t(String(pending.channel) as UiKey) : '',
              // A refund is read back with the deposit it returns.
              deposit: rupiah(d.fee?.lines.find((l) => l.refundable)?.amount ?? 0, lang),
            })}
        </p>
        <div class="action-list">
          <button
            type="button"
            class={spec.danger ? 'danger' : ''}
            disabled={props.busy}
            onClick={() => {
              dialog.current?.close();
              if (pending) props.onSubmit(pending);
            }}
          >
            {t('confirm')}
          </button>
          <button type="button" class="secondary" onClick={() => dialog.current?.close()}>
            {t('cancel')}
          </button>
        </div>
      </dialog>
    </form>
  );
}
