import { useEffect, useRef, useState } from 'preact/hooks';
import { formatIdNumber, parseIdNumber, rupiah } from '../i18n/catalogue.js';
import { api, type Dossier, type Label, type ServiceDefinition } from './api.js';
import { Alert, useLang } from './i18n.js';

/** What POST /dossiers/{id}/fee/preview answers: the SKRD the same request would issue. */
export interface FeePreview {
  lines: { code: string; label: Label; amount: number; detail?: string; refundable?: boolean }[];
  total: number;
  inputs: Record<string, number>;
  exemption?: { code: string; label: Label; legalBasis: string; reason: string };
}

type Body = { inputs?: Record<string, number>; exemption?: { code: string; reason: string } };

/**
 * The fee desk's assessment: the definition's inputs (as registered, correctable
 * within their ranges) or a legal exemption, the lines and total computed by the
 * server as the SKRD would have them, and a confirmation that names the total
 * before the bill goes out. Nothing is issued until the officer confirms.
 */
export function FeeAssessmentForm(props: {
  d: Dossier;
  definition: ServiceDefinition | undefined;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (body: Body) => void;
}) {
  const { t, tx, lang, failure } = useLang();
  const inputs = props.definition?.fee?.inputs ?? [];
  const exemptions = props.definition?.fee?.exemptions ?? [];
  const tax = props.definition?.fee?.kind === 'tax';
  const [values, setValues] = useState<Record<string, string>>({});
  const [exempt, setExempt] = useState('');
  const [reason, setReason] = useState('');
  const [preview, setPreview] = useState<FeePreview | null>(null);
  const [problem, setProblem] = useState('');
  const dialog = useRef<HTMLDialogElement>(null);

  const ask = async (body: Body) => {
    try {
      const p = (await api<FeePreview>('POST', `/dossiers/${props.d.dossierId}/fee/preview`, body)).data;
      setPreview(p);
      setProblem('');
      return p;
    } catch (e) {
      setPreview(null);
      setProblem(failure(e));
      return null;
    }
  };
  // The inputs as registered at the counter, so the officer corrects rather than retypes.
  useEffect(() => {
    // The registration's figures fill the form, but never over what the officer has already typed.
    void ask({}).then(
      (p) =>
        p && setValues((typed) => ({ ...Object.fromEntries(Object.entries(p.inputs).map(([k, v]) => [k, formatIdNumber(v)])), ...typed })),
    );
  }, [props.d.dossierId]);

  /** The request as the form stands, or a sentence saying what to fix. */
  const body = (): Body | string => {
    if (exempt) {
      if (reason.trim().length < 10) return `${t('reason')}: ${t('minChars', { n: 10 })}`;
      return { exemption: { code: exempt, reason: reason.trim() } };
    }
    const out: Record<string, number> = {};
    for (const i of inputs) {
      // Typed the Indonesian way (1.250, 0,5); what reads two ways is refused with the reason.
      const parsed = parseIdNumber(values[i.code] ?? '');
      if ('problem' in parsed) return `${tx(i.label)}: ${t(parsed.problem)}`;
      if (parsed.value < i.min || parsed.value > i.max)
        return `${tx(i.label)}: ${t('outOfRange', { range: t('range', { min: formatIdNumber(i.min), max: formatIdNumber(i.max), unit: i.unit }) })}`;
      out[i.code] = parsed.value;
    }
    return inputs.length ? { inputs: out } : {};
  };
  // The preview follows what is typed (issue 21: it vanished at a keystroke, and an out-of-range figure said nothing
  // until the officer pressed on): a moment after the last change, the SKRD the figures produce, or why there is none.
  const typed = JSON.stringify([values, exempt, reason]);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = setTimeout(() => {
      const b = body();
      if (typeof b === 'string') {
        setPreview(null);
        setProblem(b);
      } else void ask(b);
    }, 400);
    return () => clearTimeout(timer);
  }, [typed]);
  const recompute = async (e?: Event) => {
    e?.preventDefault();
    const b = body();
    if (typeof b === 'string') {
      setPreview(null);
      return setProblem(b);
    }
    const p = await ask(b);
    if (p) queueMicrotask(() => dialog.current?.showModal());
  };

  return (
    <form class="action-form" onSubmit={recompute} aria-labelledby="fee-form-title" noValidate>
      <h3 id="fee-form-title">{t(tax ? 'assessTax' : 'assessFee')}</h3>
      {exemptions.length > 0 && (
        <label>
          {t('exemption')}
          <select value={exempt} onChange={(e) => setExempt(e.currentTarget.value)}>
            <option value="">{t('noExemption')}</option>
            {exemptions.map((x) => (
              <option key={x.code} value={x.code}>
                {tx(x.label)} ({x.legalBasis})
              </option>
            ))}
          </select>
        </label>
      )}
      {exempt ? (
        <label>
          {t('reason')} <small>({t('minChars', { n: 10 })})</small>
          <textarea value={reason} rows={2} required minLength={10} maxLength={500} onInput={(e) => setReason(e.currentTarget.value)} />
        </label>
      ) : (
        inputs.map((i) => (
          <label key={i.code}>
            {tx(i.label)} ({t('range', { min: formatIdNumber(i.min), max: formatIdNumber(i.max), unit: i.unit })})
            <input
              name={i.code}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              required
              value={values[i.code] ?? ''}
              onInput={(e) => setValues({ ...values, [i.code]: e.currentTarget.value })}
            />
          </label>
        ))
      )}
      {preview && !problem ? <PreviewTable preview={preview} /> : problem && <p class="hint">{t('noPreviewBecause')}</p>}
      <Alert message={problem} />
      <div class="action-list">
        <button type="submit" disabled={props.busy}>
          {t('continue')}
        </button>
        <button type="button" class="secondary" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </div>
      <dialog ref={dialog} aria-labelledby="fee-confirm-title">
        <h3 id="fee-confirm-title">{t('confirmTitle')}</h3>
        <p>{t('confirmAssessFee', { number: props.d.registrationNumber, total: rupiah(preview?.total ?? 0, lang) })}</p>
        {preview && <PreviewTable preview={preview} />}
        <div class="action-list">
          <button
            type="button"
            disabled={props.busy}
            onClick={() => {
              dialog.current?.close();
              const b = body();
              if (typeof b !== 'string') props.onSubmit(b);
            }}
          >
            {t(tax ? 'issueSkpd' : 'issueSkrd')}
          </button>
          <button type="button" class="secondary" onClick={() => dialog.current?.close()}>
            {t('cancel')}
          </button>
        </div>
      </dialog>
    </form>
  );
}

function PreviewTable({ preview }: { preview: FeePreview }) {
  const { t, tx } = useLang();
  return (
    <table class="fee" data-testid="fee-preview">
      <caption>{t('feePreview')}</caption>
      <tbody>
        {preview.exemption && (
          <tr>
            <th scope="row">{t('exemption')}</th>
            <td>
              {tx(preview.exemption.label)} ({preview.exemption.legalBasis})
            </td>
          </tr>
        )}
        <FeeLineRows lines={preview.lines} total={preview.total} />
      </tbody>
    </table>
  );
}

/** An SKRD's lines and total, as table rows: the same on the preview and on the bill issued. */
export function FeeLineRows({ lines, total }: { lines: FeePreview['lines']; total: number }) {
  const { t, tx, lang } = useLang();
  return (
    <>
      {lines.map((l) => (
        <tr key={l.code}>
          <th scope="row">
            {tx(l.label)}
            {/* How it was reached (PBG: LLt x It x Ilo x SHST; a tax: the rental value and the rate), so the figure can be checked. */}
            {l.detail && (
              <>
                <br />
                <small class="fee-detail">{l.detail}</small>
              </>
            )}
          </th>
          <td class="num">{rupiah(l.amount, lang)}</td>
        </tr>
      ))}
      <tr>
        <th scope="row">{t('total')}</th>
        <td class="num">{rupiah(total, lang)}</td>
      </tr>
    </>
  );
}

/** The fee the registration's figures produce, as the server computes it (issue 20: the summary echoed the figures, not the fee). */
export function FeeEstimate(props: { service: string; inputs: Record<string, number>; particulars: Record<string, string | number> }) {
  const { service, inputs, particulars } = props;
  const { t, failure } = useLang();
  const [estimate, setEstimate] = useState<Pick<FeePreview, 'lines' | 'total'> | string | null>(null);
  const key = JSON.stringify([inputs, particulars]);
  useEffect(() => {
    api<Pick<FeePreview, 'lines' | 'total'>>('POST', `/services/${service}/fee-estimate`, { inputs, particulars })
      .then((r) => setEstimate(r.data))
      .catch((e: unknown) => setEstimate(failure(e)));
  }, [service, key]);
  if (typeof estimate === 'string') return <Alert message={`${t('feeEstimate')}: ${estimate}`} />;
  if (!estimate) return null;
  return (
    <table class="fee" aria-label={t('feeEstimate')}>
      <caption>
        {t('feeEstimate')} <small>({t('feeEstimateHint')})</small>
      </caption>
      <tbody>
        <FeeLineRows lines={estimate.lines} total={estimate.total} />
      </tbody>
    </table>
  );
}
