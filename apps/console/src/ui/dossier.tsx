import { Fragment } from 'preact';
import { useRoute } from 'preact-iso';
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  DELIVERY_TEXT,
  NOTICE_TEXT,
  VIA_TEXT,
  EVENT_TEXT,
  LIFECYCLE_TEXT,
  STATUS_TEXT,
  date,
  dateTime,
  rupiah,
  type Lang,
  type Lifecycle,
  type UiKey,
} from '../i18n/catalogue.js';
import { api, apiFile, saveFile, type Dossier, type HistoryEntry, type ServiceDefinition } from './api.js';
import { useSession } from './session.js';
import { FeeAssessmentForm, FeeLineRows } from './fee-form.js';
import { Alert, useLang } from './i18n.js';

/** Whole days from now to `iso` (negative: late). */
const daysFrom = (iso: string) => Math.ceil((new Date(iso).getTime() - Date.now()) / 86_400_000);

export function DossierPage() {
  const { params } = useRoute();
  const { t, tx, lang, failure } = useLang();
  const { services } = useSession();
  const [d, setD] = useState<Dossier | null>(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  /** The event whose aftermath is shown (time travel), or null for now. */
  const [then, setThen] = useState<number | null>(null);
  /** Reads the dossier; after a command, until the read side shows the version it produced (it follows within moments). */
  const load = async (atLeast = 0) => {
    try {
      for (let tries = 0; ; tries++) {
        const fresh = (await api<Dossier>('GET', `/dossiers/${encodeURIComponent(params.id)}`)).data;
        if (fresh.version >= atLeast || tries >= 50) {
          setD(fresh);
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      setError('');
    } catch (e) {
      setError(failure(e));
    }
  };
  useEffect(() => {
    setD(null);
    setNotice('');
    setThen(null);
    void load();
  }, [params.id]);

  if (!d)
    return error ? (
      <p role="alert" class="error">
        {error}
      </p>
    ) : (
      <p>{t('loading')}</p>
    );
  const definition = services.find((s) => s.code === d.service.code);
  const left = (iso: string) => {
    const days = daysFrom(iso);
    return days >= 0 ? t('daysLeft', { days }) : t('daysLate', { days: -days });
  };
  return (
    <article>
      <h1>
        {d.registrationNumber} · {tx(d.service.name)}
      </h1>
      {notice && (
        <p role="status" class="ok">
          {notice}
        </p>
      )}
      <Alert message={error} />
      <div class="columns">
        <section class="card">
          <dl>
            <dt>{t('applicant')}</dt>
            <dd>
              {d.applicant.name}
              {d.applicant.nib && <small class="block">NIB {d.applicant.nib}</small>}
              {[d.applicant.phone, d.applicant.email].filter(Boolean).map((c) => (
                <small key={c} class="block">
                  {c}
                </small>
              ))}
              <small class="block">
                {t('notices')}:{' '}
                {d.applicant.notices
                  ? t('noticesYes', { language: t(d.applicant.language === 'en' ? 'english' : 'bahasa') })
                  : t('noticesNo')}
              </small>
            </dd>
            <dt>{t('status')}</dt>
            <dd>
              {tx(STATUS_TEXT[d.publicStatus as keyof typeof STATUS_TEXT])} ({tx(LIFECYCLE_TEXT[d.lifecycle as Lifecycle])})
              {d.overdue && <span class="badge late">{t('overdue')}</span>}
            </dd>
            {d.step && (
              <>
                <dt>{t('step')}</dt>
                <dd>{tx(d.step.label)}</dd>
                <dt>{t('timeLeftStep')}</dt>
                <dd>
                  {left(d.step.due.dueAt)} ({dateTime(d.step.due.dueAt, lang)})
                </dd>
              </>
            )}
            <dt>{t('timeLeftAll')}</dt>
            <dd>
              {left(d.due.dueAt)} ({date(d.due.dueAt, lang)}
              {d.due.provisional ? `; ${t('provisional')}` : ''})
            </dd>
            {d.rejectionRecommended && d.lifecycle === 'in-process' && (
              <>
                <dt>{t('decision')}</dt>
                <dd>{t('rejectionRecommended')}</dd>
              </>
            )}
            {d.correction && d.lifecycle === 'returned' && (
              <>
                <dt>{t('reasons')}</dt>
                <dd>
                  <ul>
                    {d.correction.reasons.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
          </dl>
          {d.requirements && definition && <Requirements received={d.requirements} definition={definition} />}
          {d.fee && <FeeTable fee={d.fee} lang={lang} />}
          {d.cancelledFees && d.cancelledFees.length > 0 && <CancelledFees fees={d.cancelledFees} />}
          <Documents d={d} onError={setError} />
        </section>
        <Notices dossierId={d.dossierId} version={d.version} />
        <Actions
          d={d}
          definition={definition}
          onDone={(msg, version) => {
            setError('');
            // "Saved" is said once the page shows what the command produced, never over the state before it.
            void load(version).then(() => setNotice(msg));
          }}
          onStart={() => {
            setNotice('');
            setError('');
          }}
          onError={(msg) => {
            setNotice('');
            setError(msg);
          }}
        />
      </div>
      {then !== null && <AsOf dossierId={d.dossierId} version={then} onClose={() => setThen(null)} />}
      <Timeline history={d.history} definition={definition} onView={setThen} />
    </article>
  );
}

function FeeTable({ fee, lang }: { fee: NonNullable<Dossier['fee']>; lang: Lang }) {
  const { t } = useLang();
  return (
    <table class="fee">
      <caption>
        {t('fee')} · {fee.skrdNumber}
      </caption>
      <tbody>
        <FeeLineRows lines={fee.lines} total={fee.total} />
        <tr>
          <th scope="row">{t('paid')}</th>
          <td class="num">{rupiah(fee.paid, lang)}</td>
        </tr>
        <tr>
          <th scope="row">{t('outstanding')}</th>
          <td class="num">{rupiah(fee.outstanding, lang)}</td>
        </tr>
      </tbody>
    </table>
  );
}

function CancelledFees({ fees }: { fees: NonNullable<Dossier['cancelledFees']> }) {
  const { t, lang } = useLang();
  return (
    <table class="fee cancelled">
      <caption>{t('cancelledSkrds')}</caption>
      <tbody>
        {fees.map((f) => (
          <tr key={f.skrdNumber}>
            <th scope="row">
              <s>{f.skrdNumber}</s>
              <br />
              <small>
                {dateTime(f.at, lang)} · {f.reason}
              </small>
            </th>
            <td class="num">
              <s>{rupiah(f.total, lang)}</s>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The dossier's history in words: who, when, what, with reasons and notes. */
function Timeline({
  history,
  definition,
  onView,
}: {
  history: HistoryEntry[];
  definition: ServiceDefinition | undefined;
  onView: (version: number) => void;
}) {
  const { t, tx, lang } = useLang();
  const { names, deskNames } = useSession();
  const stepLabel = (id: unknown) => tx(definition?.steps.find((s) => s.id === id)?.label);
  return (
    <section>
      <h2>{t('timeline')}</h2>
      <ol class="timeline">
        {[...history].reverse().map((h) => {
          const data = h.data;
          const details: string[] = [];
          if (typeof data.stepId === 'string' && stepLabel(data.stepId)) details.push(stepLabel(data.stepId));
          if (typeof data.desk === 'string') details.push(tx(deskNames.get(data.desk)));
          if (typeof data.positive === 'boolean') details.push(t(data.positive ? 'recommendPositive' : 'recommendNegative'));
          for (const key of ['note', 'findings', 'reason', 'receivedBy'])
            if (typeof data[key] === 'string' && data[key]) details.push(String(data[key]));
          if (typeof data.total === 'number') details.push(`${t('total')}: ${rupiah(data.total, lang)}`);
          if (typeof data.amount === 'number') details.push(rupiah(data.amount, lang));
          for (const key of ['skrdNumber', 'permitNumber', 'letterNumber', 'reportNumber'])
            if (typeof data[key] === 'string' && data[key]) details.push(String(data[key]));
          const reasons = Array.isArray(data.reasons) ? (data.reasons as string[]) : [];
          const type = h.type as keyof typeof EVENT_TEXT;
          return (
            <li key={h.version}>
              <time dateTime={h.at}>{dateTime(h.at, lang)}</time>
              <strong>{EVENT_TEXT[type] ? tx(EVENT_TEXT[type]) : '—'}</strong>
              {h.officerId && <span class="by">{t('by', { officer: names.get(h.officerId) ?? '—' })}</span>}
              {details.length > 0 && <span class="details">{details.filter(Boolean).join(' · ')}</span>}
              {reasons.length > 0 && (
                <ul>
                  {reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              )}
              <button type="button" class="link" onClick={() => onView(h.version)}>
                {t('viewThen')}
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

interface Notice {
  kind: keyof typeof NOTICE_TEXT;
  channel: 'email' | 'phone';
  recipient: string;
  status: 'pending' | 'sent' | 'logged' | 'failed' | 'superseded';
  via: keyof typeof VIA_TEXT | null;
  attempts: number;
  createdAt: string;
}

/** What the applicant was told and whether it reached them (sent, retrying, given up), as officers answer the phone. */
function Notices({ dossierId, version }: { dossierId: string; version: number }) {
  const { t, tx, lang } = useLang();
  const [notices, setNotices] = useState<Notice[] | null>(null);
  useEffect(() => {
    api<Notice[]>('GET', `/dossiers/${dossierId}/notices`)
      .then((r) => setNotices(r.data))
      .catch(() => setNotices([]));
  }, [dossierId, version]);
  if (!notices) return null;
  return (
    <section class="card" aria-labelledby="notices-title">
      <h2 id="notices-title">{t('noticesSent')}</h2>
      {notices.length === 0 ? (
        <p>{t('noNotices')}</p>
      ) : (
        <table tabIndex={0} aria-labelledby="notices-title">
          <thead>
            <tr>
              <th scope="col">{t('date')}</th>
              <th scope="col">{t('noticeWhat')}</th>
              <th scope="col">{t('noticeChannel')}</th>
              <th scope="col">{t('noticeStatus')}</th>
              <th scope="col">{t('noticeAttempts')}</th>
            </tr>
          </thead>
          <tbody>
            {notices.map((n) => (
              <tr key={`${n.createdAt}-${n.channel}-${n.kind}`}>
                <td>{dateTime(n.createdAt, lang)}</td>
                <td>{tx(NOTICE_TEXT[n.kind])}</td>
                <td>
                  {tx(VIA_TEXT[n.via ?? n.channel])} · {n.recipient}
                </td>
                <td>{tx(DELIVERY_TEXT[n.status === 'pending' && n.attempts > 0 ? 'retrying' : n.status])}</td>
                <td class="num">{n.attempts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The permit, or the rejection letter, as the PDF the applicant is handed (the original, with the full name). */
function Documents({ d, onError }: { d: Dossier; onError: (message: string) => void }) {
  const { t, failure } = useLang();
  const file = d.permit?.number
    ? 'permit.pdf'
    : d.decision && !d.decision.approved && d.decision.letterNumber
      ? 'rejection.pdf'
      : undefined;
  if (!file) return null;
  const number = file === 'permit.pdf' ? d.permit!.number : d.decision!.letterNumber!;
  const download = async () => {
    try {
      saveFile(`${number.replace(/[^\w-]+/g, '-')}.pdf`, await apiFile(`/dossiers/${d.dossierId}/documents/${file}`, 'application/pdf'));
    } catch (e) {
      onError(failure(e));
    }
  };
  return (
    <p>
      <button type="button" class="secondary" onClick={() => void download()}>
        {t(file === 'permit.pdf' ? 'downloadPermit' : 'downloadLetter')}
      </button>
    </p>
  );
}

interface ActionSpec {
  key: UiKey;
  path: string;
  /** Fields the form asks for. */
  fields?: ('reasons' | 'note' | 'noteRequired' | 'reference' | 'amount' | 'channel' | 'receivedBy' | 'reason')[];
  /** The shortest reason the API takes. */
  reasonMin?: number;
  /** A form of its own instead of the generic one. */
  form?: 'fee';
  body?: Record<string, unknown>;
  /** Irreversible: a confirmation says what will happen. */
  confirm?: UiKey;
  danger?: boolean;
}

/** Only what this officer may do at this desk now; the server decides, this keeps the page honest. */
function available(
  d: Dossier,
  me: string,
  myDesks: string[],
  role: string,
): { desk?: string; held: boolean; heldByOther?: string; actions: ActionSpec[] } {
  if (role === 'front-desk' || role === 'admin') {
    if (d.lifecycle === 'returned')
      return { held: true, actions: [{ key: 'resubmit', path: 'resubmit', fields: ['noteRequired'] }, withdraw] };
  }
  // Revocation (pencabutan) is the issuer's, through a supervisor: it needs no desk.
  if (role === 'supervisor' && (d.lifecycle === 'issued' || d.lifecycle === 'handed-over')) return { held: true, actions: [revoke] };
  const desk = d.step?.pendingDesks.find((p) => myDesks.includes(p));
  if (!d.step || !desk || (d.lifecycle !== 'in-process' && d.lifecycle !== 'issued')) {
    return { held: false, actions: role === 'front-desk' && d.lifecycle === 'in-process' ? [withdraw] : [] };
  }
  // An issued permit is handed over as it is: nothing to take up first.
  if (d.step.kind === 'handover') return { desk, held: true, actions: [{ key: 'handOver', path: 'handover', fields: ['receivedBy'] }] };
  const holder = d.holders[desk];
  if (holder && holder !== me) return { desk, held: false, heldByOther: holder, actions: [] };
  if (!holder) return { desk, held: false, actions: [] };
  const body = { desk };
  const reject: ActionSpec = { key: 'reject', path: 'reject', fields: ['reasons'], confirm: 'confirmReject', danger: true };
  const release: ActionSpec = { key: 'release', path: 'release', body };
  switch (d.step.kind) {
    case 'review':
      return {
        desk,
        held: true,
        actions: [
          { key: 'forward', path: 'complete', body: { ...body, outcome: 'forward' }, confirm: 'confirmForward' },
          { key: 'returnForCorrection', path: 'return', body, fields: ['reasons'] },
          // At a review, rejecting is a recommendation: the decision desk rejects (D6).
          { ...reject, key: 'recommendReject', confirm: 'confirmRecommendReject', path: 'complete', body: { ...body, outcome: 'reject' } },
          release,
        ],
      };
    case 'parallel-review':
      return {
        desk,
        held: true,
        actions: [
          { key: 'recommendPositive', path: 'recommendation', body: { ...body, positive: true }, fields: ['noteRequired'] },
          { key: 'recommendNegative', path: 'recommendation', body: { ...body, positive: false }, fields: ['noteRequired'] },
          release,
        ],
      };
    case 'fee':
      if (!d.fee) return { desk, held: true, actions: [{ key: 'assessFee', path: 'fee', form: 'fee' }, release] };
      if (d.fee.outstanding > 0)
        return {
          desk,
          held: true,
          actions: [
            { key: 'recordPayment', path: 'payments', fields: ['reference', 'amount', 'channel'] },
            // A bill issued wrong is cancelled (and kept in the trail) only while nothing is paid on it.
            ...(d.fee.paid === 0 ? [cancelSkrd] : []),
            release,
          ],
        };
      return {
        desk,
        held: true,
        actions: [{ key: 'forward', path: 'complete', body: { ...body, outcome: 'forward' }, confirm: 'confirmForward' }, release],
      };
    case 'decision':
      // After a recommendation to reject, only a rejection is accepted (D6).
      return d.rejectionRecommended
        ? { desk, held: true, actions: [reject, release] }
        : {
            desk,
            held: true,
            actions: [{ key: 'approve', path: 'approve', fields: ['note'], confirm: 'confirmApprove' }, reject, release],
          };
    case 'signing':
      return { desk, held: true, actions: [{ key: 'sign', path: 'sign', body: {}, confirm: 'confirmSign' }, release] };
    case 'issuance':
      return { desk, held: true, actions: [{ key: 'issue', path: 'issue', body: {}, confirm: 'confirmIssue' }, release] };
    default:
      return { desk, held: true, actions: [release] };
  }
}
const cancelSkrd: ActionSpec = {
  key: 'cancelSkrd',
  path: 'fee/cancel',
  fields: ['reason'],
  reasonMin: 10,
  confirm: 'confirmCancelSkrd',
  danger: true,
};
const revoke: ActionSpec = { key: 'revoke', path: 'revoke', fields: ['reason'], reasonMin: 10, confirm: 'confirmRevoke', danger: true };
const withdraw: ActionSpec = { key: 'withdraw', path: 'withdraw', fields: ['reason'], confirm: 'confirmWithdraw', danger: true };

function Actions(props: {
  d: Dossier;
  definition: ServiceDefinition | undefined;
  onDone: (msg: string, version: number) => void;
  /** A command is on its way: an earlier "saved" no longer describes the page. */
  onStart: () => void;
  onError: (msg: string) => void;
}) {
  const { t, failure } = useLang();
  const { officer, names } = useSession();
  const { d } = props;
  const can = available(
    d,
    officer.officerId,
    officer.desks.map((x) => x.id),
    officer.role,
  );
  const [open, setOpen] = useState<ActionSpec | null>(null);
  // One idempotency key per opened form: a double click or a retry cannot act twice.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [busy, setBusy] = useState(false);
  const run = async (path: string, body: Record<string, unknown>) => {
    setBusy(true);
    props.onStart();
    try {
      const r = await api<{ version: number }>('POST', `/dossiers/${d.dossierId}/${path}`, body, {
        'If-Match': `"${d.version}"`,
        'Idempotency-Key': key,
      });
      setOpen(null);
      setKey(crypto.randomUUID());
      props.onDone(t('done'), r.data.version);
    } catch (e) {
      props.onError(failure(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card" aria-labelledby="actions-title">
      <h2 id="actions-title">{t('actions')}</h2>
      {can.heldByOther && <p>{t('heldBy') + ': ' + (names.get(can.heldByOther) ?? '—')}</p>}
      {can.desk && !can.held && !can.heldByOther && (
        <button type="button" disabled={busy} onClick={() => run('claim', { desk: can.desk })}>
          {t('claim')}
        </button>
      )}
      {can.held && !open && (
        <div class="action-list">
          {can.actions.map((a) => (
            <button
              key={a.key}
              type="button"
              class={a.danger ? 'danger' : a.key === 'release' ? 'secondary' : ''}
              disabled={busy}
              onClick={() => (a.fields || a.confirm || a.form ? setOpen(a) : run(a.path, a.body ?? {}))}
            >
              {t(a.key)}
            </button>
          ))}
        </div>
      )}
      {!can.desk && !can.held && can.actions.length === 0 && officer.role !== 'supervisor' && officer.role !== 'admin' && (
        <p>{t('noActions')}</p>
      )}
      {!can.held && can.actions.length > 0 && (
        <div class="action-list">
          {can.actions.map((a) => (
            <button key={a.key} type="button" class={a.danger ? 'danger' : ''} onClick={() => setOpen(a)}>
              {t(a.key)}
            </button>
          ))}
        </div>
      )}
      {(officer.role === 'supervisor' || officer.role === 'admin') && d.lifecycle === 'in-process' && d.step && (
        <Supervision d={d} busy={busy} run={run} />
      )}
      {open?.form === 'fee' && (
        <FeeAssessmentForm
          d={d}
          definition={props.definition}
          busy={busy}
          onCancel={() => setOpen(null)}
          onSubmit={(body) => run(open.path, body)}
        />
      )}
      {open && !open.form && (
        <ActionForm
          spec={open}
          d={d}
          busy={busy}
          onCancel={() => setOpen(null)}
          onSubmit={(body) => run(open.path, { ...(open.body ?? {}), ...body })}
        />
      )}
    </section>
  );
}

function ActionForm(props: {
  spec: ActionSpec;
  d: Dossier;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (body: Record<string, unknown>) => void;
}) {
  const { t, lang } = useLang();
  const { spec, d } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const [pending, setPending] = useState<Record<string, unknown> | null>(null);
  const [problem, setProblem] = useState('');
  const fields = spec.fields ?? [];
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
    if (fields.includes('reference')) body.reference = String(f.get('reference') ?? '').trim();
    if (fields.includes('amount')) {
      const amount = Number(f.get('amount'));
      if (!Number.isInteger(amount) || amount < 1 || amount > (d.fee?.outstanding ?? Infinity))
        return setProblem(
          `${t('amount')}: ${t('outOfRange', { range: t('range', { min: rupiah(1, lang), max: rupiah(d.fee?.outstanding ?? 0, lang), unit: '' }) })}`,
        );
      body.amount = amount;
    }
    if (fields.includes('channel')) body.channel = String(f.get('channel'));
    setProblem('');
    if (spec.confirm) {
      setPending(body);
      queueMicrotask(() => dialog.current?.showModal());
    } else props.onSubmit(body);
  };
  return (
    <form class="action-form" onSubmit={submit}>
      <h3>{t(spec.key)}</h3>
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
          {t('reference')}
          <input name="reference" required maxLength={80} pattern="[A-Za-z0-9/_. \-]+" />
        </label>
      )}
      {fields.includes('amount') && (
        <label>
          {t('amount')} ({t('outstanding')}: {rupiah(d.fee?.outstanding ?? 0, lang)})
          <input
            name="amount"
            type="number"
            inputMode="numeric"
            min={1}
            max={d.fee?.outstanding}
            step={1}
            required
            defaultValue={String(d.fee?.outstanding ?? '')}
          />
        </label>
      )}
      {fields.includes('channel') && (
        <label>
          {t('channel')}
          <select name="channel">
            <option value="cashier">{t('cashier')}</option>
            <option value="bank">{t('bank')}</option>
          </select>
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
        <p>{spec.confirm && t(spec.confirm, { number: d.registrationNumber, skrd: d.fee?.skrdNumber ?? '' })}</p>
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

interface AsOfState {
  version: number;
  latestVersion: number;
  at: string;
  event: string;
  lifecycle: Lifecycle;
  publicStatus: string;
  step: { label: { id: string; en: string } } | null;
  holders: Record<string, string>;
  fee: { total: number; paid: number; outstanding: number } | null;
  decision: { approved: boolean } | null;
}

/** The dossier as it was just after one event, folded from the event log (time travel). */
function AsOf({ dossierId, version, onClose }: { dossierId: string; version: number; onClose: () => void }) {
  const { t, tx, lang, failure } = useLang();
  const { names, deskNames } = useSession();
  const [s, setS] = useState<AsOfState | null>(null);
  const [error, setError] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    setS(null);
    api<AsOfState>('GET', `/dossiers/${dossierId}/versions/${version}`)
      .then((r) => setS(r.data))
      .catch((e: unknown) => setError(failure(e)));
  }, [dossierId, version]);
  useEffect(() => heading.current?.focus(), [s]);
  return (
    <section class="card asof" aria-live="polite">
      <Alert message={error} />
      {s && (
        <>
          <h2 ref={heading} tabIndex={-1}>
            {t('asOfTitle', { at: dateTime(s.at, lang), event: tx(EVENT_TEXT[s.event as keyof typeof EVENT_TEXT]) })}
          </h2>
          <p>{t('asOfVersion', { version: s.version, latest: s.latestVersion })}</p>
          <dl>
            <dt>{t('status')}</dt>
            <dd>
              {tx(STATUS_TEXT[s.publicStatus as keyof typeof STATUS_TEXT])} ({tx(LIFECYCLE_TEXT[s.lifecycle])})
            </dd>
            {s.step && (
              <>
                <dt>{t('step')}</dt>
                <dd>{tx(s.step.label)}</dd>
              </>
            )}
            {Object.entries(s.holders).map(([desk, officer]) => (
              <Fragment key={desk}>
                <dt>
                  {t('holders')} ({tx(deskNames.get(desk))})
                </dt>
                <dd>{names.get(officer) ?? '—'}</dd>
              </Fragment>
            ))}
            {s.fee && (
              <>
                <dt>{t('fee')}</dt>
                <dd>
                  {rupiah(s.fee.total, lang)} · {t('outstanding')}: {rupiah(s.fee.outstanding, lang)}
                </dd>
              </>
            )}
          </dl>
        </>
      )}
      <button type="button" class="secondary" onClick={onClose}>
        {t('backToNow')}
      </button>
    </section>
  );
}

/** What a supervisor does with a dossier stuck at a desk: hand it to another officer there, or release it. */
function Supervision({ d, busy, run }: { d: Dossier; busy: boolean; run: (path: string, body: Record<string, unknown>) => Promise<void> }) {
  const { t, tx } = useLang();
  const { colleagues, names, deskNames } = useSession();
  return (
    <div class="supervision">
      <h3>{t('supervision')}</h3>
      {d.step!.pendingDesks.map((desk) => {
        const holder = d.holders[desk];
        const candidates = colleagues.filter((c) => c.desks.includes(desk) && c.officerId !== holder);
        return (
          <form
            key={desk}
            class="action-form"
            onSubmit={(e) => {
              e.preventDefault();
              const f = new FormData(e.currentTarget);
              void run('reassign', { desk, toOfficerId: String(f.get('to')), reason: String(f.get('reason') ?? '').trim() });
            }}
          >
            <p>
              {t('atDesk')}: {tx(deskNames.get(desk))} · {t('heldBy')}: {holder ? (names.get(holder) ?? '—') : t('nobody')}
            </p>
            <label>
              {t('reassignTo')}
              <select name="to" required>
                {candidates.map((c) => (
                  <option key={c.officerId} value={c.officerId}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('reason')}
              <textarea name="reason" rows={2} required maxLength={500} />
            </label>
            <div class="action-list">
              <button type="submit" disabled={busy || !candidates.length}>
                {t('reassign')}
              </button>
              {holder && (
                <button type="button" class="secondary" disabled={busy} onClick={() => void run('release', { desk })}>
                  {t('releaseFor', { name: names.get(holder) ?? '—' })}
                </button>
              )}
            </div>
          </form>
        );
      })}
    </div>
  );
}

/** What the counter received, against what the service asks for. */
function Requirements({ received, definition }: { received: string[]; definition: ServiceDefinition }) {
  const { t, tx } = useLang();
  return (
    <section aria-labelledby="req-title">
      <h2 id="req-title">{t('requirementsReceived')}</h2>
      <ul class="requirements">
        {definition.requirements.map((r) => (
          <li key={r.code} class={received.includes(r.code) ? 'got' : 'missing'}>
            {received.includes(r.code) ? '✔ ' : '✘ '}
            {tx(r.label)}
            {r.mandatory && <small class="badge">{t('mandatory')}</small>}
            {!received.includes(r.code) && <small class="block">{t('notReceived')}</small>}
          </li>
        ))}
      </ul>
    </section>
  );
}
