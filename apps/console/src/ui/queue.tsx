import { useLocation, useRoute } from 'preact-iso';
import { useEffect, useRef, useState } from 'preact/hooks';
import { STATUS_TEXT, dateTime } from '../i18n/catalogue.js';
import { api, type Page, type QueueItem } from './api.js';
import { BASE, useSession } from './session.js';
import { Alert, Pager, useLang } from './i18n.js';
import { DataTable, DossierLink, ServiceSelect } from './data-table.js';
import { ReturnedList } from './returned.js';

const PAGE = 50;

/** A desk's queue: a page at a time (a queue of thousands stays light), sorted, filtered, and worked from the keyboard. */
export function QueuePage() {
  const { params, query } = useRoute();
  const { route } = useLocation();
  const { t, tx, failure } = useLang();
  const { deskNames } = useSession();
  const desk = params.desk;
  const order = query.order === 'oldest' ? 'oldest' : 'urgent';
  const service = query.service ?? '';
  const offset = Math.max(0, Number(query.offset ?? 0) || 0);
  const [page, setPage] = useState<Page<QueueItem> | null>(null);
  const [error, setError] = useState('');
  const overdueOnly = query.overdue === 'true';
  const mineOnly = query.mine === 'true';
  /** Not the queue but what this desk sent back to applicants, which comes back here. */
  const returned = query.returned === 'true';
  // -1: no row chosen yet; the first j (or arrow down) picks the first row.
  const [cursor, setCursor] = useState(-1);
  const table = useRef<HTMLTableElement>(null);

  useEffect(() => {
    setPage(null);
    const qs = new URLSearchParams({
      order,
      limit: String(PAGE),
      offset: String(offset),
      ...(service ? { service } : {}),
      ...(overdueOnly ? { overdue: 'true' } : {}),
      ...(mineOnly ? { mine: 'true' } : {}),
    });
    if (returned) return;
    api<Page<QueueItem>>('GET', `/queues/${desk}?${qs}`)
      .then((r) => {
        setPage(r.data);
        setError('');
      })
      .catch((e: unknown) => setError(failure(e)));
  }, [desk, order, service, offset, overdueOnly, mineOnly, returned]);

  const go = (changes: Record<string, string | number>) => {
    const qs = new URLSearchParams({
      order,
      service,
      offset: String(offset),
      overdue: overdueOnly ? 'true' : '',
      mine: mineOnly ? 'true' : '',
      returned: returned ? 'true' : '',
      ...Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, String(v)])),
    });
    for (const k of ['service', 'overdue', 'mine', 'returned']) if (!qs.get(k)) qs.delete(k);
    route(`${BASE}/antrean/${desk}?${qs}`);
  };
  // Every filter is the API's, over the whole queue, so the total and the pages stay true.
  const items = page?.items ?? [];
  const open = (i: QueueItem | undefined) => i && route(`${BASE}/berkas/${i.dossierId}`);
  const onKey = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement | null;
    // Typing in a field, pressing a button or a modifier chord is not a shortcut.
    if (target?.closest('input, select, textarea, button, dialog') || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'j' || e.key === 'ArrowDown') setCursor((c) => Math.min(items.length - 1, c + 1));
    else if (e.key === 'k' || e.key === 'ArrowUp') setCursor((c) => Math.max(0, c - 1));
    else if (e.key === 'Enter' && cursor >= 0) open(items[cursor]);
    else return;
    e.preventDefault();
  };
  // On the whole page from arrival (issue 20: it did nothing until a row had focus, 13 tabs in).
  useEffect(() => {
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });
  useEffect(() => {
    if (cursor >= 0) table.current?.querySelector<HTMLElement>(`tr[data-row="${cursor}"] a`)?.focus();
  }, [cursor]);

  return (
    <section>
      <h1>
        {t('queue')}: {tx(deskNames.get(desk))}
      </h1>
      <div class="filters">
        <label>
          {t('sortBy')}
          <select value={order} onChange={(e) => go({ order: e.currentTarget.value, offset: 0 })}>
            <option value="urgent">{t('sortUrgent')}</option>
            <option value="oldest">{t('sortOldest')}</option>
          </select>
        </label>
        <ServiceSelect value={service} onChange={(code) => go({ service: code, offset: 0 })} />
        <label class="check">
          <input
            type="checkbox"
            checked={overdueOnly}
            onChange={(e) => go({ overdue: e.currentTarget.checked ? 'true' : '', offset: 0 })}
          />
          {t('onlyOverdue')}
        </label>
        <label class="check">
          <input type="checkbox" checked={mineOnly} onChange={(e) => go({ mine: e.currentTarget.checked ? 'true' : '', offset: 0 })} />
          {t('onlyMine')}
        </label>
        <label class="check">
          <input type="checkbox" checked={returned} onChange={(e) => go({ returned: e.currentTarget.checked ? 'true' : '', offset: 0 })} />
          {t('onlyReturned')}
        </label>
      </div>
      {returned ? (
        <ReturnedList desk={desk} service={service || undefined} />
      ) : (
        <QueueBody page={page} error={error} items={items} cursor={cursor} table={table} offset={offset} go={go} />
      )}
    </section>
  );
}

function QueueBody(props: {
  page: Page<QueueItem> | null;
  error: string;
  items: QueueItem[];
  cursor: number;
  table: { current: HTMLTableElement | null };
  offset: number;
  go: (changes: Record<string, string | number>) => void;
}) {
  const { t, lang } = useLang();
  const { officer } = useSession();
  const { page, offset, items, cursor, table, go } = props;
  return (
    <>
      <p class="hint">{t('keyboardHint')}</p>
      <Alert message={props.error} />
      {!page ? (
        <p>{t('loading')}</p>
      ) : (
        <>
          <p aria-live="polite">
            {page.total
              ? t('pageOf', { from: offset + 1, to: Math.min(page.total, offset + page.items.length), total: page.total })
              : t('empty')}
          </p>
          <QueueTable items={items} cursor={cursor} tableRef={table} officerId={officer.officerId} lang={lang} />
          <Pager offset={offset} size={PAGE} total={page.total} go={(o) => go({ offset: o })} />
        </>
      )}
    </>
  );
}

function QueueTable(props: {
  items: QueueItem[];
  cursor: number;
  tableRef: { current: HTMLTableElement | null };
  officerId: string;
  lang: 'id' | 'en';
}) {
  const { t, tx } = useLang();
  const { services, names } = useSession();
  const serviceName = (code: string) => tx(services.find((s) => s.code === code)?.name);
  return (
    <DataTable
      rows={props.items}
      rowKey={(i) => i.dossierId}
      rowProps={(_i, n) => ({ 'data-row': n, class: n === props.cursor ? 'cursor' : '' })}
      tableRef={props.tableRef}
      columns={[
        { header: 'registrationNumber', cell: (i) => <DossierLink dossier={i} /> },
        { header: 'applicant', cell: (i) => i.applicantName },
        { header: 'service', cell: (i) => serviceName(i.service) },
        {
          header: 'step',
          cell: (i) => (
            <>
              {tx(i.step?.label)}
              {/* Every row here is in process; only a status that says more (awaiting payment) is shown. */}
              {i.publicStatus !== 'in-process' && (
                <small class="block">{tx(STATUS_TEXT[i.publicStatus as keyof typeof STATUS_TEXT])}</small>
              )}
            </>
          ),
        },
        {
          header: 'stepDue',
          cell: (i) => (
            <>
              {i.stepDueAt ? dateTime(i.stepDueAt, props.lang) : ''}
              {i.overdue && <span class="badge late">{t('overdue')}</span>}
            </>
          ),
        },
        { header: 'heldBy', cell: (i) => (i.heldBy ? (names.get(i.heldBy) ?? '—') : t('nobody')) },
      ]}
    />
  );
}
