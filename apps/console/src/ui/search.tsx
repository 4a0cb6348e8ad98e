import { useLocation, useRoute } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { STATUS_TEXT, date } from '../i18n/catalogue.js';
import { api, type Page, type SearchItem } from './api.js';
import { BASE, useSession } from './session.js';
import { Alert, Pager, useLang } from './i18n.js';
import { DataTable, DossierLink } from './data-table.js';

export function SearchPage() {
  const { query } = useRoute();
  const { route } = useLocation();
  const { t, tx, lang, failure } = useLang();
  const { services } = useSession();
  const q = query.q ?? '';
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page<SearchItem> | null>(null);
  const [error, setError] = useState('');
  useEffect(() => setOffset(0), [q]);
  useEffect(() => {
    setPage(null);
    api<Page<SearchItem>>('GET', `/search?${new URLSearchParams({ q, limit: '50', offset: String(offset) })}`)
      .then((r) => {
        // An exact registration number opens its dossier at once (the list would hold that one row).
        const exact =
          r.data.items.length === 1 && r.data.items[0].registrationNumber === q.trim().toUpperCase() ? r.data.items[0] : undefined;
        if (exact) return route(`${BASE}/berkas/${exact.dossierId}`, true);
        setPage(r.data);
        setError('');
      })
      .catch((e: unknown) => setError(failure(e)));
  }, [q, offset]);
  return (
    <section>
      <h1>{page ? t('searchResults', { q, total: page.total }) : t('search')}</h1>
      <Alert message={error} />
      {page && (
        <>
          <DataTable
            rows={page.items}
            rowKey={(i) => i.dossierId}
            columns={[
              {
                header: 'registrationNumber',
                cell: (i) => <DossierLink dossier={i} below={i.permitNumber} />,
              },
              { header: 'applicant', cell: (i) => i.applicantName },
              {
                header: 'service',
                cell: (i) => (
                  <>
                    {tx(services.find((s) => s.code === i.service)?.name)}
                    <small class="block">{date(i.registeredAt, lang)}</small>
                  </>
                ),
              },
              {
                header: 'status',
                cell: (i) => (
                  <>
                    {tx(STATUS_TEXT[i.publicStatus as keyof typeof STATUS_TEXT])}
                    {i.overdue && <span class="badge late">{t('overdue')}</span>}
                  </>
                ),
              },
            ]}
          />
          <Pager offset={offset} size={50} total={page.total} go={setOffset} />
        </>
      )}
    </section>
  );
}
