import { useEffect, useState } from 'preact/hooks';
import { date, formatIdNumber } from '../i18n/catalogue.js';
import type { Aggregates } from '#berkas/read-models/views';
import { api } from './api.js';
import { Alert, useLang } from './i18n.js';

const PERIODS = [30, 90, 365] as const;

/** The figures' columns, right-aligned, in the order of each row's cells. */
const NUMERIC_COLUMNS = [
  'aggregatesRegistered',
  'aggregatesClosed',
  'aggregatesOnTime',
  'aggregatesBacklog',
  'aggregatesOverdue',
  'aggregatesIkm',
] as const;

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
        <table aria-label={t('aggregates')}>
          <caption>{t('aggregatesCaption', { from: date(data.from, lang), to: date(data.to, lang) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('aggregatesMpp')}</th>
              <th scope="col">{t('aggregatesProvince')}</th>
              {NUMERIC_COLUMNS.map((key) => (
                <th key={key} scope="col" class="num">
                  {t(key)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.items.map((m) => (
              <tr key={m.tenant}>
                <th scope="row">
                  {m.name} <small>({m.timeZone})</small>
                </th>
                <td>{m.province ?? '—'}</td>
                <td class="num">{figure(m.registered)}</td>
                <td class="num">{figure(m.closed)}</td>
                <td class="num">{figure(m.onTimeRate, ' %')}</td>
                <td class="num">{figure(m.backlog)}</td>
                <td class="num">{figure(m.overdueOpen)}</td>
                <td class="num">
                  {figure(m.ikm)} <small>{t('aggregatesRespondents', { count: m.respondents })}</small>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
