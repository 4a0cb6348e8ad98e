import { useEffect, useState } from 'preact/hooks';
import { dateTime, EVENT_TEXT, type Text } from '../i18n/catalogue.js';
import { api, type Page } from './api.js';
import { BASE } from './session.js';
import { Alert, Pager, useLang } from './i18n.js';

interface Quarantined {
  projection: keyof typeof PROJECTION_TEXT;
  dossierId: string;
  streamVersion: number;
  eventType: keyof typeof EVENT_TEXT;
  error: string;
  firstAttemptAt: string;
  lastAttemptAt: string;
  attempts: number;
}

/** What each read model is, in the words of the people who use it. */
const PROJECTION_TEXT = {
  'officer-views': { id: 'Antrean, pencarian dan detail berkas', en: 'Queues, search and dossier detail' },
  'public-tracking': { id: 'Halaman pelacakan publik', en: 'Public tracking page' },
  'notification-outbox': { id: 'Pemberitahuan ke pemohon', en: 'Notices to applicants' },
} satisfies Record<string, Text>;

const PAGE = 50;

/**
 * Supervisors' and administrators' page of quarantined dossiers (D36): a read
 * model stopped applying one of their events, so they are missing or frozen
 * there while every other dossier goes on. Once the cause is fixed (a new
 * release), each is retried here.
 */
export function QuarantinePage() {
  const { t, tx, lang, failure } = useLang();
  const [page, setPage] = useState<Page<Quarantined> | null>(null);
  const [offset, setOffset] = useState(0);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const load = (at = offset) =>
    api<Page<Quarantined>>('GET', `/quarantine?limit=${PAGE}&offset=${at}`)
      .then((r) => setPage(r.data))
      .catch((e: unknown) => setError(failure(e)));
  useEffect(() => void load(offset), [offset]);
  const retry = async (q: Quarantined) => {
    setNotice('');
    try {
      await api('POST', '/quarantine/retry', { projection: q.projection, dossierId: q.dossierId });
      setNotice(t('quarantineReleased', { what: tx(PROJECTION_TEXT[q.projection]) }));
      setError('');
    } catch (e) {
      setError(failure(e));
    }
    await load();
  };
  return (
    <section>
      <h1>{t('quarantine')}</h1>
      <p>{t('quarantineIntro')}</p>
      {notice && (
        <p role="status" class="ok">
          {notice}
        </p>
      )}
      <Alert message={error} />
      {!page ? (
        <p>{t('loading')}</p>
      ) : page.total === 0 ? (
        <p role="status">{t('quarantineEmpty')}</p>
      ) : (
        <>
          <p>{t('quarantineTotal', { total: page.total })}</p>
          {page.items.map((q) => (
            <article class="card" key={`${q.projection}-${q.dossierId}`} aria-labelledby={`q-${q.projection}-${q.dossierId}`}>
              <h2 id={`q-${q.projection}-${q.dossierId}`}>{tx(PROJECTION_TEXT[q.projection] ?? { id: q.projection, en: q.projection })}</h2>
              <dl>
                <dt>{t('quarantineDossier')}</dt>
                <dd>
                  <a href={`${BASE}/berkas/${q.dossierId}`}>{q.dossierId}</a>
                </dd>
                <dt>{t('quarantineEvent')}</dt>
                <dd>
                  {tx(EVENT_TEXT[q.eventType] ?? { id: t('quarantineUnknownEvent'), en: t('quarantineUnknownEvent') })} ·{' '}
                  {t('quarantineVersion', { version: q.streamVersion })}
                </dd>
                <dt>{t('quarantineWhy')}</dt>
                <dd>{t(/^gap in dossier/.test(q.error) ? 'quarantineGap' : 'quarantineFailed')}</dd>
                <dt>{t('quarantineSince')}</dt>
                <dd>
                  {dateTime(q.firstAttemptAt, lang)} ·{' '}
                  {t('quarantineAttempts', { attempts: q.attempts, at: dateTime(q.lastAttemptAt, lang) })}
                </dd>
              </dl>
              <details>
                <summary>{t('quarantineTechnical')}</summary>
                <pre>
                  <code>{q.error}</code>
                </pre>
              </details>
              <button type="button" onClick={() => void retry(q)}>
                {t('quarantineRetry')}
              </button>
            </article>
          ))}
          {page.total > PAGE && <Pager offset={offset} size={PAGE} total={page.total} go={setOffset} />}
        </>
      )}
    </section>
  );
}
