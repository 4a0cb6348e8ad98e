import { useEffect, useState } from 'preact/hooks';
import { dateTime, ROLE_TEXT, type Text } from '../i18n/catalogue.js';
import { api, type Page } from './api.js';
import { BASE, useSession } from './session.js';
import { Alert, Pager, useLang } from './i18n.js';

interface AccessEntry {
  at: string;
  officerId: string;
  role: keyof typeof ROLE_TEXT;
  dossierId: string;
  registrationNumber: string;
  what: string;
  allowed: boolean;
}

/** What was read, in words: the reads the need-to-know check guards (D14). */
const WHAT_TEXT: Record<string, Text> = {
  detail: { id: 'Detail berkas (nama, NIK, kontak)', en: 'Dossier detail (name, NIK, contacts)' },
  'as-of': { id: 'Keadaan berkas pada waktu lampau', en: 'The dossier as it was at a past moment' },
  'renewal-basis': {
    id: 'Data izin untuk perpanjangan atau perubahan (nama, NIK, kontak)',
    en: 'The permit for a renewal or amendment (name, NIK, contacts)',
  },
};

const PAGE = 50;

/**
 * Supervisors' page of the personal-data access log: who read which
 * dossier's personal data, when, and who was refused, newest first, for one
 * officer or all (issue 20: the log existed only in the API).
 */
export function AccessLogPage() {
  const { t, tx, lang, failure } = useLang();
  const { names } = useSession();
  const [officerId, setOfficerId] = useState('');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page<AccessEntry> | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    const qs = new URLSearchParams({ limit: String(PAGE), offset: String(offset), ...(officerId ? { officerId } : {}) });
    api<Page<AccessEntry>>('GET', `/access-log?${qs}`)
      .then((r) => setPage(r.data))
      .catch((e: unknown) => setError(failure(e)));
  }, [officerId, offset]);
  return (
    <section>
      <h1>{t('accessLog')}</h1>
      <p>{t('accessLogIntro')}</p>
      <label>
        {t('officer')}
        <select
          value={officerId}
          onChange={(e) => {
            setOfficerId(e.currentTarget.value);
            setOffset(0);
          }}
        >
          <option value="">{t('everyone')}</option>
          {[...names].map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <Alert message={error} />
      {!page ? (
        <p>{t('loading')}</p>
      ) : (
        <>
          <table aria-label={t('accessLog')}>
            <thead>
              <tr>
                <th scope="col">{t('when')}</th>
                <th scope="col">{t('officer')}</th>
                <th scope="col">{t('dossier')}</th>
                <th scope="col">{t('accessWhat')}</th>
                <th scope="col">{t('accessResult')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((a, i) => (
                <tr key={`${a.at}-${i}`} class={a.allowed ? '' : 'refused'}>
                  <td>{dateTime(a.at, lang)}</td>
                  <td>
                    {names.get(a.officerId) ?? a.officerId} <small>({tx(ROLE_TEXT[a.role] ?? { id: a.role, en: a.role })})</small>
                  </td>
                  <td>
                    <a href={`${BASE}/berkas/${a.dossierId}`}>{a.registrationNumber}</a>
                  </td>
                  <td>{tx(WHAT_TEXT[a.what] ?? { id: a.what, en: a.what })}</td>
                  <td>{t(a.allowed ? 'accessAllowed' : 'accessRefused')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {page.total > PAGE && <Pager offset={offset} size={PAGE} total={page.total} go={setOffset} />}
        </>
      )}
    </section>
  );
}
