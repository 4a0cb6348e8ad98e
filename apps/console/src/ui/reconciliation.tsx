import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { dateTime, rupiah, type Text } from '../i18n/catalogue.js';
import { api, ApiError } from './api.js';
import { BASE } from './session.js';
import { Alert, useLang } from './i18n.js';

/** GET /api/payments/reconciliation: one day of what the bank notified against what was recorded (D47). */
interface Reconciliation {
  date: string;
  matched: { reference: string; amount: number; registrationNumber: string; notifiedAt: string }[];
  notifiedNotRecorded: { paymentRequestId: string; virtualAccount: string; amount: number | null; responseCode: string; at: string }[];
  recordedNotNotified: { reference: string; channel: string; amount: number; registrationNumber: string; at: string }[];
  totals: { notified: number; recorded: number; matched: number };
}

/** What Berkas answered the bank (SNAP's response codes), in words. */
const ANSWER_TEXT: Record<string, Text> = {
  '2002500': { id: 'Diterima, tetapi tidak tercatat', en: 'Accepted, but not recorded' },
  '4012500': { id: 'Ditolak: tanda tangan bank tidak sah', en: "Refused: the bank's signature is not valid" },
  '4012501': { id: 'Ditolak: token bank tidak sah', en: "Refused: the bank's token is not valid" },
  '4002501': { id: 'Ditolak: waktu pengiriman atau jumlah tidak terbaca', en: 'Refused: the timestamp or the amount cannot be read' },
  '4042512': { id: 'Ditolak: kode bayar tidak dikenal', en: 'Refused: unknown payment code' },
  '4042513': { id: 'Ditolak: jumlah tidak sesuai tagihan', en: 'Refused: the amount does not match the bill' },
  '4042514': { id: 'Ditolak: tagihan sudah dibayar', en: 'Refused: the bill is already paid' },
  '4092501': { id: 'Ditolak: nomor permintaan bank dipakai ulang', en: "Refused: the bank's request id was reused" },
  '4042519': { id: 'Ditolak: tagihan tidak dapat dibayar', en: 'Refused: the bill cannot be paid' },
};

const CHANNEL_TEXT: Record<string, Text> = {
  bank: { id: 'Bank / transfer', en: 'Bank / transfer' },
  qris: { id: 'QRIS', en: 'QRIS' },
};

/**
 * Supervisors' daily reconciliation of bank payments (issue 20): the
 * transfers the bank notified and that were recorded, those it notified and
 * that were not (with what Berkas answered), and bank or QRIS payments keyed
 * in at the desk without a notification, for one day.
 */
export function ReconciliationPage() {
  const { t, tx, lang, failure } = useLang();
  const [date, setDate] = useState(() => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Jakarta' }));
  const [report, setReport] = useState<Reconciliation | null>(null);
  const [off, setOff] = useState(false);
  const [error, setError] = useState('');
  useEffect(() => {
    setError('');
    api<Reconciliation>('GET', `/payments/reconciliation?date=${date}`)
      .then((r) => setReport(r.data))
      .catch((e: unknown) => (e instanceof ApiError && e.problem.status === 404 ? setOff(true) : setError(failure(e))));
  }, [date]);
  const money = (n: number | null) => (n === null ? '—' : rupiah(n, lang));
  const dossier = (number: string) => <a href={`${BASE}/cari?q=${encodeURIComponent(number)}`}>{number}</a>;
  return (
    <section>
      <h1>{t('reconciliation')}</h1>
      <p>{t('reconciliationIntro')}</p>
      {off ? (
        <p role="status">{t('reconciliationOff')}</p>
      ) : (
        <>
          <label>
            {t('reconciliationDate')}
            <input type="date" value={date} onChange={(e) => e.currentTarget.value && setDate(e.currentTarget.value)} />
          </label>
          <Alert message={error} />
          {report && (
            <>
              <p role="status" class="totals">
                {t('reconciliationTotals', {
                  notified: String(report.totals.notified),
                  recorded: String(report.totals.recorded),
                  matched: String(report.totals.matched),
                })}
              </p>
              <Listing
                title={t('reconciliationMatched')}
                head={[t('when'), t('dossier'), t('reference')]}
                amount={t('amount')}
                rows={report.matched.map((m) => ({
                  key: m.reference,
                  cells: [dateTime(m.notifiedAt, lang), dossier(m.registrationNumber), m.reference],
                  amount: money(m.amount),
                }))}
              />
              <Listing
                title={t('reconciliationNotRecorded')}
                head={[t('when'), t('reconciliationAccount'), t('reference'), t('reconciliationAnswer')]}
                amount={t('amount')}
                late
                rows={report.notifiedNotRecorded.map((n) => ({
                  key: `${n.paymentRequestId}-${n.at}`,
                  cells: [
                    dateTime(n.at, lang),
                    n.virtualAccount,
                    n.paymentRequestId,
                    tx(ANSWER_TEXT[n.responseCode] ?? { id: 'Ditolak', en: 'Refused' }),
                  ],
                  amount: money(n.amount),
                }))}
              />
              <Listing
                title={t('reconciliationNotNotified')}
                head={[t('when'), t('dossier'), t('reference')]}
                amount={t('amount')}
                rows={report.recordedNotNotified.map((r) => ({
                  key: `${r.channel}/${r.reference}`,
                  cells: [
                    dateTime(r.at, lang),
                    dossier(r.registrationNumber),
                    `${r.reference} · ${tx(CHANNEL_TEXT[r.channel] ?? { id: r.channel, en: r.channel })}`,
                  ],
                  amount: money(r.amount),
                }))}
              />
            </>
          )}
        </>
      )}
    </section>
  );
}

/** One of the report's three lists: a captioned table, its amounts in the last column. */
function Listing(props: {
  title: string;
  head: string[];
  amount: string;
  late?: boolean;
  rows: { key: string; cells: (string | JSX.Element)[]; amount: string }[];
}) {
  return (
    <table aria-label={props.title}>
      <caption>{props.title}</caption>
      <thead>
        <tr>
          {props.head.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
          <th scope="col" class="num">
            {props.amount}
          </th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.key} class={props.late ? 'late' : undefined}>
            {r.cells.map((c, i) => (
              <td key={i}>{c}</td>
            ))}
            <td class="num">{r.amount}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
