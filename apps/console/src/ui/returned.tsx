import { useEffect, useState } from 'preact/hooks';
import { dateTime } from '../i18n/catalogue.js';
import { api, type Page, type ReturnedItem } from './api.js';
import { useSession } from './session.js';
import { Alert, Pager, useLang } from './i18n.js';
import { DataTable, DossierLink } from './data-table.js';

/** The front desk's list: dossiers waiting for the applicant's corrections, with what to bring. */
export function ReturnedPage() {
  const { t } = useLang();
  return (
    <section>
      <h1>{t('returnedQueue')}</h1>
      <ReturnedList />
    </section>
  );
}

/** Dossiers with their applicants for corrections: all of them, or those one desk sent back (they come back to it). */
export function ReturnedList({ desk, service }: { desk?: string; service?: string }) {
  const { t, tx, lang, failure } = useLang();
  const { services, deskNames } = useSession();
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page<ReturnedItem> | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    const qs = new URLSearchParams({ limit: '50', offset: String(offset), ...(desk ? { desk } : {}), ...(service ? { service } : {}) });
    api<Page<ReturnedItem>>('GET', `/returned?${qs}`)
      .then((r) => {
        setPage(r.data);
        setError('');
      })
      .catch((e: unknown) => setError(failure(e)));
  }, [offset, desk, service]);
  return (
    <>
      <Alert message={error} />
      {!page ? (
        <p>{t('loading')}</p>
      ) : (
        <>
          <p aria-live="polite">{page.total ? t('waiting', { total: page.total }) : t('empty')}</p>
          <DataTable
            rows={page.items}
            rowKey={(i) => i.dossierId}
            columns={[
              {
                header: 'registrationNumber',
                cell: (i) => <DossierLink dossier={i} below={tx(services.find((s) => s.code === i.service)?.name)} />,
              },
              {
                header: 'applicant',
                cell: (i) => (
                  <>
                    {i.applicantName}
                    {i.applicantPhone && <small class="block">{i.applicantPhone}</small>}
                  </>
                ),
              },
              {
                header: 'reasons',
                cell: (i) => (
                  <ul>
                    {i.reasons.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                ),
              },
              {
                header: 'returnedBy',
                cell: (i) => (
                  <>
                    {tx(deskNames.get(i.desk))}
                    <small class="block">{dateTime(i.returnedAt, lang)}</small>
                  </>
                ),
              },
            ]}
          />
          <Pager offset={offset} size={50} total={page.total} go={setOffset} />
        </>
      )}
    </>
  );
}
