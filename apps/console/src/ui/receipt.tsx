import QRCode from 'qrcode';
import { useContext, useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { date, dateTime, type Text } from '../i18n/catalogue.js';
import { api } from './api.js';
import { BASE, SessionCtx } from './session.js';
import { useLang } from './i18n.js';

export interface ReceiptData {
  dossierId: string;
  registrationNumber: string;
  pin: string;
  service: Text;
  applicant: string;
  requirements: Text[];
  registeredAt: string;
  dueAt?: string;
  /** The expected date falls in a year whose holidays are not yet decreed (no calendar file): it may move. */
  provisional?: boolean;
  /** Who took the dossier in at the counter. */
  registeredBy?: string;
  /** A receipt printed again: when, by whom and why (the trail keeps it too). */
  reprint?: { at: string; by: string; reason: string };
}

// The counter (loket) is the workstation's: kept in this browser, printed on every receipt made here.
const COUNTER = 'berkas.counter';

// The PIN is shown once, on this receipt: kept for this tab only, for printing it again.
const KEY = 'berkas.receipt';
export const rememberReceipt = (r: ReceiptData) => sessionStorage.setItem(KEY, JSON.stringify(r));

/** The receipt handed to the applicant: A5 or an 80 mm thermal slip, with a QR code to the tracking page. */
export function ReceiptPage() {
  const { t, tx, lang } = useLang();
  const [r, setR] = useState<ReceiptData | null>(() => JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as ReceiptData | null);
  // The MPP signed in to (D54): its name, and its own public pages, on the receipt.
  const tenant = useContext(SessionCtx)?.officer.tenant;
  const [settings, setSettings] = useState<{ mppName: string; trackingUrl: string | null; trackingPath?: string } | null>(null);
  const [qr, setQr] = useState('');
  const [layout, setLayout] = useState<'a5' | 'thermal'>('a5');
  const [counter, setCounter] = useState(() => localStorage.getItem(COUNTER) ?? '');
  useEffect(() => {
    api<{ mppName: string; trackingUrl: string | null; trackingPath?: string }>(
      'GET',
      `/settings${tenant ? `?tenant=${encodeURIComponent(tenant)}` : ''}`,
    )
      .then((s) => setSettings(s.data))
      .catch(() => setSettings({ mppName: '', trackingUrl: null }));
  }, [tenant]);
  const trackingUrl = settings ? (settings.trackingUrl ?? `${location.origin}${settings.trackingPath ?? '/'}`) : '';
  const target = r && settings ? `${trackingUrl}?nomor=${encodeURIComponent(r.registrationNumber)}` : '';
  useEffect(() => {
    if (target)
      QRCode.toString(target, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
        .then(setQr)
        .catch(() => setQr(''));
  }, [target]);
  // The expected completion date comes from the dossier itself, a moment after registration.
  useEffect(() => {
    if (!r || r.dueAt) return;
    let tries = 0;
    const look = () =>
      api<{ due: { dueAt: string; provisional: boolean } }>('GET', `/dossiers/${r.dossierId}`)
        .then((d) => {
          const next = { ...r, dueAt: d.data.due.dueAt, provisional: d.data.due.provisional };
          rememberReceipt(next);
          setR(next);
        })
        .catch(() => {
          if (++tries < 20) setTimeout(look, 250);
        });
    void look();
  }, [r?.dossierId]);
  // Before the browser paints (not after, as useEffect would): a print started right after the choice gets its layout.
  useLayoutEffect(() => {
    document.body.dataset.print = layout;
  }, [layout]);
  if (!r) return <p>{t('empty')}</p>;
  return (
    <section>
      <div class="no-print action-list">
        <p role="status" class="ok">
          {t('registered', { number: r.registrationNumber })}
        </p>
        <label class="check">
          <input type="radio" name="layout" checked={layout === 'a5'} onChange={() => setLayout('a5')} /> {t('layoutA5')}
        </label>
        <label class="check">
          <input type="radio" name="layout" checked={layout === 'thermal'} onChange={() => setLayout('thermal')} /> {t('layoutThermal')}
        </label>
        <label>
          {t('counter')}
          <input
            name="counter"
            value={counter}
            maxLength={20}
            size={8}
            onInput={(e) => {
              setCounter(e.currentTarget.value);
              localStorage.setItem(COUNTER, e.currentTarget.value);
            }}
          />
        </label>
        <button type="button" onClick={() => window.print()}>
          {t('printReceipt')}
        </button>
        <a class="button secondary" href={`${BASE}/registrasi`}>
          {t('newRegistration')}
        </a>
        <a class="button secondary" href={`${BASE}/berkas/${r.dossierId}`}>
          {t('open')}
        </a>
      </div>
      <article class={`receipt ${layout}`} aria-label={t('receipt')}>
        <header>
          <strong>{settings?.mppName}</strong>
          <h1>{t('receipt')}</h1>
          {r.reprint && (
            <p class="reprint">
              <strong>{t('receiptReprint')}</strong> {dateTime(r.reprint.at, lang)} · {r.reprint.by} · {r.reprint.reason}
            </p>
          )}
        </header>
        <dl>
          <dt>{t('registrationNumber')}</dt>
          <dd class="big" data-testid="receipt-number">
            {r.registrationNumber}
          </dd>
          <dt>{t('receiptPin')}</dt>
          <dd class="big" data-testid="receipt-pin">
            {r.pin}
          </dd>
          <dt>{t('receivedAt')}</dt>
          <dd data-testid="receipt-received">
            {dateTime(r.registeredAt, lang)}
            {r.registeredBy && ` · ${r.registeredBy}`}
            {counter && ` · ${t('counter')} ${counter}`}
          </dd>
          <dt>{t('service')}</dt>
          <dd>{tx(r.service)}</dd>
          <dt>{t('applicant')}</dt>
          <dd>{r.applicant}</dd>
          <dt>{t('requirementsReceived')}</dt>
          <dd>
            <ul>
              {r.requirements.map((q) => (
                <li key={q.id}>{tx(q)}</li>
              ))}
            </ul>
          </dd>
          <dt>{t('due')}</dt>
          <dd>
            {r.dueAt ? date(r.dueAt, lang) : '—'}
            {r.dueAt && r.provisional && <small class="block">{t('dueProvisional', { year: new Date(r.dueAt).getUTCFullYear() })}</small>}
          </dd>
        </dl>
        {/* Generated here from the tracking address; an SVG string of rects and a path, no script. */}
        <div
          class="qr"
          role="img"
          aria-label={target ? `${t('qrToTracking')}: ${target}` : t('qrToTracking')}
          dangerouslySetInnerHTML={{ __html: qr }}
        />
        <p>{t('receiptTrack', { url: trackingUrl })}</p>
        <p>
          <small>{t('receiptKeep')}</small>
        </p>
      </article>
    </section>
  );
}
