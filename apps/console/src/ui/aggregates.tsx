import { useEffect, useState } from 'preact/hooks';
import { date, formatIdNumber } from '../i18n/catalogue.js';
import type { Aggregates } from '#berkas/read-models/views';
import { api } from './api.js';
import { Alert, useLang } from './i18n.js';
import { DataTable } from './data-table.js';

const PERIODS = [30, 90, 365] as const;

/**
 * A provincial or national overseer's page (issue 23): the MPPs they oversee side by side, with the period's
 * registrations, on-time rate, backlog, overdue and IKM. Figures only: an overseer opens no dossier.
 */
export function AggregatesPage() {
  const { t, lang, failure } = useLang();
  const [days, setDays] = useState<number>(30);
  const [data, setData] = useState<Aggregates | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    setError('');
    api<Aggregates>('GET', `/aggregates?days=${days}`)
      .then((r) => setData(r.data))
      .catch((e: unknown) => setError(failure(e)));
  }, [days]);
  const figure = (n: number | null, suffix = '') => (n === null ? '—' : `${formatIdNumber(n)}${suffix}`);
  return (
    <section>
      <h1>{t('aggregates')}</h1>
      <p>{data?.oversees ? t('aggregatesIntroProvince', { province: data.oversees }) : t('aggregatesIntro')}</p>
      <label>
        {t('aggregatesPeriod')}{' '}
        <select value={String(days)} onChange={(e) => setDays(Number(e.currentTarget.value))}>
          {PERIODS.map((d) => (
            <option key={d} value={String(d)}>
              {t('aggregatesDays', { days: d })}
            </option>
          ))}
        </select>
      </label>
      {error && <Alert message={error} />}
      {data && (
        // The console's one table: named and focusable, so on a phone it scrolls sideways and the keyboard reaches it.
        <DataTable
          label={t('aggregates')}
          caption={t('aggregatesCaption', { from: date(data.from, lang), to: date(data.to, lang) })}
          rows={data.items}
          rowKey={(m) => m.tenant}
          columns={[
            {
              header: 'aggregatesMpp',
              rowHeader: true,
              cell: (m) => (
                <>
                  {m.name} <small>({m.timeZone})</small>
                </>
              ),
            },
            { header: 'aggregatesProvince', cell: (m) => m.province ?? '—' },
            { header: 'aggregatesRegistered', numeric: true, cell: (m) => figure(m.registered) },
            { header: 'aggregatesClosed', numeric: true, cell: (m) => figure(m.closed) },
            { header: 'aggregatesOnTime', numeric: true, cell: (m) => figure(m.onTimeRate, ' %') },
            { header: 'aggregatesBacklog', numeric: true, cell: (m) => figure(m.backlog) },
            { header: 'aggregatesOverdue', numeric: true, cell: (m) => figure(m.overdueOpen) },
            {
              header: 'aggregatesIkm',
              numeric: true,
              cell: (m) => (
                <>
                  {figure(m.ikm)} <small>{t('aggregatesRespondents', { count: m.respondents })}</small>
                </>
              ),
            },
          ]}
        />
      )}
    </section>
  );
}
