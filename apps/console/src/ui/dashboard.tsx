import { useEffect, useState } from 'preact/hooks';
import { formatIdNumber, periodLabel, type Lang, type Text } from '../i18n/catalogue.js';
import { csvText } from '../i18n/csv.js';
import { api, downloadFile, saveFile } from './api.js';
import { BASE, useSession } from './session.js';
import { BarRows, Columns, Lines } from './charts.js';
import { Alert, useLang } from './i18n.js';
import { DataTable, DossierLink, ServiceSelect } from './data-table.js';

interface Statistics {
  services: { service: string; name: Text; closed: number; closedOnTime: number; onTimeRate: number | null; overdueOpen: number }[];
  desks: {
    desk: string;
    name: Text;
    visits: number;
    open: number;
    overdueOpen: number;
    averageHours: number | null;
    averageWorkingDays: number | null;
  }[];
}
interface Dashboard {
  from: string;
  to: string;
  perDay: { date: string; registered: number; closed: number }[];
  slowest: { dossierId: string; registrationNumber: string; service: string; step: Text | null; workingDays: number; overdue: boolean }[];
  stuck: { dossierId: string; registrationNumber: string; service: string; step: Text | null; desks: string[]; idleWorkingDays: number }[];
  stuckAfter: number;
  trend: {
    unit: 'day' | 'week' | 'month';
    buckets: string[];
    services: { service: string; points: { count: number; rate: number | null }[] }[];
    desks: { desk: string; points: { count: number; rate: number | null; averageHours: number | null }[] }[];
  };
  ikm: {
    service: string;
    respondents: number;
    elements: number[];
    index: number;
    grade: 'A' | 'B' | 'C' | 'D';
    population: number;
    minimumSample: number;
  }[];
}

/** A CSV file for the spreadsheets of an Indonesian office (`;`, decimal commas, a byte-order mark), downloaded. */
function download(name: string, rows: (string | number | null)[][], lang: Lang): void {
  saveFile(name, new Blob([csvText(rows, lang)], { type: 'text/csv;charset=utf-8' }));
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function DashboardPage() {
  const { t, tx, failure, lang } = useLang();
  const { services, deskNames } = useSession();
  const [filter, setFilter] = useState({ from: '', to: '', service: '', stuckAfter: '' });
  const [stats, setStats] = useState<Statistics | null>(null);
  const [board, setBoard] = useState<Dashboard | null>(null);
  const [error, setError] = useState('');
  const load = (f: typeof filter) => {
    const qs = new URLSearchParams(Object.entries(f).filter(([, v]) => v));
    const svc = f.service ? `?service=${f.service}` : '';
    Promise.all([api<Statistics>('GET', `/statistics${svc}`), api<Dashboard>('GET', `/dashboard?${qs}`)])
      .then(([s, d]) => {
        setStats(s.data);
        setBoard(d.data);
        setFilter({ ...f, from: d.data.from, to: d.data.to, stuckAfter: String(d.data.stuckAfter) });
        setError('');
      })
      .catch((e: unknown) => setError(failure(e)));
  };
  useEffect(() => load(filter), []);
  const serviceName = (code: string) => tx(services.find((s) => s.code === code)?.name);
  const exportXlsx = async () => {
    try {
      const qs = new URLSearchParams({ ...Object.fromEntries(Object.entries(filter).filter(([, v]) => v)), lang });
      await downloadFile(`/dashboard/xlsx?${qs}`, XLSX);
    } catch (e) {
      setError(failure(e));
    }
  };
  return (
    <section>
      <h1>{t('dashboard')}</h1>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          load(filter);
        }}
      >
        <label>
          {t('periodFrom')}
          <input type="date" value={filter.from} onInput={(e) => setFilter({ ...filter, from: e.currentTarget.value })} />
        </label>
        <label>
          {t('periodTo')}
          <input type="date" value={filter.to} onInput={(e) => setFilter({ ...filter, to: e.currentTarget.value })} />
        </label>
        <ServiceSelect value={filter.service} onChange={(code) => setFilter({ ...filter, service: code })} />
        <label>
          {t('stuckAfter')}
          <input
            type="number"
            min={1}
            max={60}
            required
            value={filter.stuckAfter}
            onInput={(e) => setFilter({ ...filter, stuckAfter: e.currentTarget.value })}
          />
        </label>
        <button type="submit">{t('apply')}</button>
        {/* The workbook first: it opens right in any spreadsheet, whatever the regional settings. */}
        <button type="button" onClick={() => void exportXlsx()} disabled={!board}>
          {t('exportXlsx')}
        </button>
      </form>
      <Alert message={error} />
      {stats && board && (
        <>
          <section class="card">
            <Columns
              title={t('flowPerDay')}
              corner={t('date')}
              labels={board.perDay.map((d) => periodLabel(d.date, 'day', lang))}
              series={[
                { name: t('registeredCount'), values: board.perDay.map((d) => d.registered), tone: 'in' },
                { name: t('closedCount'), values: board.perDay.map((d) => d.closed), tone: 'out' },
              ]}
            />
            <button
              type="button"
              class="secondary"
              onClick={() =>
                download(
                  `berkas-alur-${board.from}-${board.to}.csv`,
                  [[t('date'), t('registeredCount'), t('closedCount')], ...board.perDay.map((d) => [d.date, d.registered, d.closed])],
                  lang,
                )
              }
            >
              {t('exportCsv')}
            </button>
          </section>
          <section class="card">
            <BarRows
              title={t('backlogPerDesk')}
              corner={t('atDesk')}
              rows={stats.desks.map((d) => ({ label: tx(d.name), values: [d.open, d.overdueOpen] }))}
              series={[
                { name: t('openCount'), tone: 'in' },
                { name: t('overdue'), tone: 'late' },
              ]}
            />
          </section>
          <section class="card">
            <h2>{t('perDesk')}</h2>
            <DataTable
              rows={stats.desks}
              rowKey={(d) => d.desk}
              columns={[
                { header: 'atDesk', cell: (d) => <a href={`${BASE}/antrean/${d.desk}`}>{tx(d.name)}</a> },
                { header: 'openCount', numeric: true, cell: (d) => d.open },
                { header: 'overdue', numeric: true, cell: (d) => d.overdueOpen },
                { header: 'visitsCount', numeric: true, cell: (d) => d.visits },
                {
                  header: 'averageTime',
                  numeric: true,
                  cell: (d) =>
                    d.averageHours === null ? '—' : t('hoursAndDays', { hours: d.averageHours, days: d.averageWorkingDays ?? 0 }),
                },
              ]}
            />
            <button
              type="button"
              class="secondary"
              onClick={() =>
                download(
                  'berkas-meja.csv',
                  [
                    [t('atDesk'), t('openCount'), t('overdue'), t('visitsCount'), t('hours'), t('workingDays')],
                    ...stats.desks.map((d) => [tx(d.name), d.open, d.overdueOpen, d.visits, d.averageHours, d.averageWorkingDays]),
                  ],
                  lang,
                )
              }
            >
              {t('exportCsv')}
            </button>
          </section>
          <section class="card">
            <h2>{t('onTimePerService')}</h2>
            {/* Focusable: on a phone the table scrolls sideways, and the keyboard must reach it. */}
            <DataTable
              label={t('onTimePerService')}
              rows={stats.services}
              rowKey={(s) => s.service}
              columns={[
                { header: 'service', cell: (s) => tx(s.name) },
                { header: 'closedCount', numeric: true, cell: (s) => s.closed },
                { header: 'onTime', numeric: true, cell: (s) => (s.onTimeRate === null ? '—' : `${s.onTimeRate}%`) },
                { header: 'overdue', numeric: true, cell: (s) => s.overdueOpen },
              ]}
            />
          </section>
          <section class="card">
            <h2>{t('onTimeTrend')}</h2>
            <p class="hint">{t('trendUnit', { unit: t(`unit_${board.trend.unit}`) })}</p>
            <Lines
              title={t('onTimePerServiceOverTime')}
              corner={t('period')}
              labels={board.trend.buckets.map((b) => periodLabel(b, board.trend.unit, lang))}
              series={board.trend.services.map((s) => ({ name: serviceName(s.service), values: s.points.map((p) => p.rate) }))}
            />
            <Lines
              title={t('onTimePerDeskOverTime')}
              corner={t('period')}
              labels={board.trend.buckets.map((b) => periodLabel(b, board.trend.unit, lang))}
              series={board.trend.desks.map((d) => ({ name: tx(deskNames.get(d.desk)), values: d.points.map((p) => p.rate) }))}
            />
            <BarRows
              title={t('timePerDesk')}
              corner={t('atDesk')}
              rows={stats.desks.map((d) => ({ label: tx(d.name), values: [d.averageHours] }))}
              series={[{ name: t('hours'), tone: 'in' }]}
            />
          </section>
          <section class="card">
            <h2>{t('ikmTitle')}</h2>
            <p class="hint">{t('ikmHint')}</p>
            {board.ikm.length === 0 ? (
              <p>{t('ikmNone')}</p>
            ) : (
              <DataTable
                label={t('ikmTitle')}
                rows={board.ikm}
                rowKey={(r) => r.service}
                columns={[
                  { header: 'service', cell: (r) => serviceName(r.service) },
                  { header: 'ikmRespondents', numeric: true, cell: (r) => r.respondents },
                  { header: 'ikmPopulation', numeric: true, cell: (r) => r.population },
                  { header: 'ikmMinimum', numeric: true, cell: (r) => r.minimumSample },
                  {
                    header: 'ikmIndex',
                    numeric: true,
                    cell: (r) => (
                      <>
                        {formatIdNumber(r.index)}
                        {r.respondents < r.minimumSample && <small class="block">{t('ikmNotConclusive')}</small>}
                      </>
                    ),
                  },
                  { header: 'ikmGrade', cell: (r) => t(`grade${r.grade}`) },
                  ...board.ikm[0].elements.map((_, i) => ({
                    header: { text: `U${i + 1}` },
                    numeric: true,
                    cell: (r: (typeof board.ikm)[number]) => formatIdNumber(r.elements[i]),
                  })),
                ]}
              />
            )}
            {board.ikm
              .filter((r) => r.respondents < r.minimumSample)
              .map((r) => (
                <p key={r.service} class="notice" role="note">
                  {t('ikmBelowSample', {
                    service: serviceName(r.service),
                    respondents: r.respondents,
                    minimum: r.minimumSample,
                    population: r.population,
                  })}
                </p>
              ))}
          </section>
          <section class="card">
            <h2>{t('stuckTitle', { days: board.stuckAfter })}</h2>
            {board.stuck.length === 0 ? (
              <p>{t('empty')}</p>
            ) : (
              <DataTable
                rows={board.stuck}
                rowKey={(s) => s.dossierId}
                columns={[
                  {
                    header: 'registrationNumber',
                    cell: (s) => <DossierLink dossier={s} below={serviceName(s.service)} />,
                  },
                  { header: 'step', cell: (s) => tx(s.step ?? undefined) },
                  { header: 'atDesk', cell: (s) => s.desks.map((d) => tx(deskNames.get(d))).join(', ') },
                  { header: 'idle', numeric: true, cell: (s) => t('workingDaysCount', { days: s.idleWorkingDays }) },
                ]}
              />
            )}
          </section>
          <section class="card">
            <h2>{t('slowest')}</h2>
            <ol>
              {board.slowest.map((s) => (
                <li key={s.dossierId}>
                  <a href={`${BASE}/berkas/${s.dossierId}`}>{s.registrationNumber}</a> · {serviceName(s.service)} ·{' '}
                  {tx(s.step ?? undefined)} · {t('workingDaysCount', { days: s.workingDays })}
                  {s.overdue && <span class="badge late">{t('overdue')}</span>}
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </section>
  );
}
