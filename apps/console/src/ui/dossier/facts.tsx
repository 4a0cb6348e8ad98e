import { dateTime, rupiah, type Lang, type UiKey } from '../../i18n/catalogue.js';
import { downloadFile, type Dossier, type ServiceDefinition } from '../api.js';
import { FeeLineRows } from '../fee-form.js';
import { useLang } from '../i18n.js';
import { useSession } from '../session.js';

/** What the dossier holds: requirements received, the fee, cancelled bills and its documents. */
export function FeeTable({ fee, lang }: { fee: NonNullable<Dossier['fee']>; lang: Lang }) {
  const { t } = useLang();
  return (
    <table class="fee">
      <caption>
        {t('fee')} · {fee.document ?? 'SKRD'} {fee.skrdNumber}
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
        {fee.depositRefund && (
          <tr class="payment">
            <th scope="row">
              {t('depositRefunded')} · {fee.depositRefund.reference}
              <br />
              <small>
                {dateTime(fee.depositRefund.at, lang)} · {fee.depositRefund.reason}
              </small>
            </th>
            <td class="num">{rupiah(fee.depositRefund.amount, lang)}</td>
          </tr>
        )}
      </tbody>
      {!!fee.payments?.length && (
        <tbody aria-label={t('payments')}>
          {fee.payments.map((p) => (
            <tr key={`${p.channel}/${p.reference}`} class="payment">
              <th scope="row">
                {p.reference} · {t(p.channel as UiKey)}
                <br />
                <small>
                  {dateTime(p.at, lang)}
                  {p.corrected && ` · ${t('correctedFrom', { amount: rupiah(p.corrected.from, lang) })}: ${p.corrected.reason}`}
                </small>
              </th>
              <td class="num">{rupiah(p.amount, lang)}</td>
            </tr>
          ))}
        </tbody>
      )}
    </table>
  );
}

export function CancelledFees({ fees }: { fees: NonNullable<Dossier['cancelledFees']> }) {
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

/** The papers the dossier has now: the permit (or its draft at the signing desk) or the rejection letter, the SKRD and the payment receipt. */
export function Documents({ d, onError }: { d: Dossier; onError: (message: string) => void }) {
  const { t, failure } = useLang();
  const { officer } = useSession();
  // The signing official reads the numbered draft before signing it (issue 20: the signature was a button).
  const signing = d.step?.kind === 'signing' && !!d.available.desk && !d.available.separatedBy;
  const main = d.permit?.number
    ? 'permit.pdf'
    : signing
      ? 'permit-draft.pdf'
      : d.decision && !d.decision.approved && d.decision.letterNumber
        ? 'rejection.pdf'
        : undefined;
  const files: [string, UiKey][] = [
    ...(main
      ? [
          [main, main === 'permit.pdf' ? 'downloadPermit' : main === 'permit-draft.pdf' ? 'readDraftPermit' : 'downloadLetter'] as [
            string,
            UiKey,
          ],
        ]
      : []),
    ...(d.fee ? [['skrd.pdf', d.fee.document === 'SKPD' ? 'downloadSkpd' : 'downloadSkrd'] as [string, UiKey]] : []),
    ...(d.fee && d.fee.paid > 0 ? [['bukti-bayar.pdf', 'downloadPaymentReceipt'] as [string, UiKey]] : []),
    // The site inspection report, to print and sign on site (issue 20: the BAP existed only as an event).
    ...(d.history.some((h) => h.type === 'InspectionRecorded') ? [['bap.pdf', 'downloadBap'] as [string, UiKey]] : []),
    // The records office's archive (issue 22): every file, paper and the event trail in one ZIP; supervisors only.
    ...(officer.role === 'supervisor' ? [['archive.zip', 'downloadArchive'] as [string, UiKey]] : []),
  ];
  if (!files.length) return null;
  const download = async (file: string) => {
    try {
      // Named by the API (documentFileName): the registration number, never the permit number.
      await downloadFile(
        file === 'archive.zip' ? `/dossiers/${d.dossierId}/archive.zip` : `/dossiers/${d.dossierId}/documents/${file}`,
        file === 'archive.zip' ? 'application/zip' : 'application/pdf',
      );
    } catch (e) {
      onError(failure(e));
    }
  };
  return (
    <p class="action-list">
      {files.map(([file, key]) => (
        <button key={file} type="button" class="secondary" onClick={() => void download(file)}>
          {t(key)}
        </button>
      ))}
    </p>
  );
}

/** What the counter took down about the object of the permit, and the kind of application (with the permit it renews). */
export function Particulars({
  d,
  definition,
}: {
  d: Partial<Pick<Dossier, 'particulars' | 'variant' | 'previousPermit'>>;
  definition: ServiceDefinition;
}) {
  const { t, tx, lang } = useLang();
  const taken = (definition.particulars ?? []).filter((p) => d.particulars?.[p.code] !== undefined);
  const variant = definition.variants?.find((v) => v.code === (d.variant ?? 'baru'));
  if (!taken.length && !d.previousPermit) return null;
  const shown = (code: string) => {
    const p = taken.find((x) => x.code === code)!;
    const value = d.particulars![code];
    if (p.kind === 'choice') return tx(p.options?.find((o) => o.code === value)?.label ?? { id: String(value), en: String(value) });
    if (p.kind === 'number') return `${Number(value).toLocaleString(lang === 'en' ? 'en-GB' : 'id-ID')} ${p.unit ?? ''}`;
    return String(value);
  };
  return (
    <section aria-labelledby="particulars-title">
      <h2 id="particulars-title">{t('particulars')}</h2>
      <dl>
        {variant && d.previousPermit && (
          <>
            <dt>{t('variant')}</dt>
            <dd>
              {tx(variant.label)} · {t('previousPermit')} {d.previousPermit.permitNumber}
              {d.previousPermit.validUntil && ` (${dateTime(d.previousPermit.validUntil, lang)})`}
            </dd>
          </>
        )}
        {taken.map((p) => (
          <>
            <dt key={`${p.code}-l`}>{tx(p.label)}</dt>
            <dd key={p.code}>{shown(p.code)}</dd>
          </>
        ))}
      </dl>
    </section>
  );
}
