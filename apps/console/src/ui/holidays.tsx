import { useEffect, useRef, useState } from 'preact/hooks';
import { date } from '../i18n/catalogue.js';
import { api } from './api.js';
import { ConfirmDialog } from './confirm-dialog.js';
import { DataTable } from './data-table.js';
import { Alert, useLang } from './i18n.js';
import { useSession } from './session.js';

interface DatedName {
  date: string;
  name: string;
}

/** A year of the MPP's working calendar (GET /api/calendar/:year). */
interface CalendarYear {
  year: number;
  timeZone: string;
  saturdayOpen: boolean;
  national: { holidays: DatedName[]; cutiBersama: DatedName[]; source: string | null } | null;
  regional: DatedName[];
}

/** A local date as the page says it (noon UTC: the same day in every Indonesian zone). */
const day = (d: string, lang: 'id' | 'en') => date(`${d}T12:00:00Z`, lang);

/**
 * Issue 23: the MPP's days off. The national calendar (the SKB's holidays and cuti bersama) is read only; the MPP's
 * administrator publishes its regional holidays of a year, with the reason, and its deadlines count them from then on.
 */
export function HolidaysPage() {
  const { t, lang, failure } = useLang();
  const { officer } = useSession();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [cal, setCal] = useState<CalendarYear | null>(null);
  const [regional, setRegional] = useState<DatedName[]>([]);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const admin = officer.role === 'admin';
  const show = (c: CalendarYear) => {
    setCal(c);
    setRegional(c.regional);
  };
  useEffect(() => {
    setNotice('');
    api<CalendarYear>('GET', `/calendar/${year}`)
      .then((r) => show(r.data))
      .catch((e: unknown) => setError(failure(e)));
  }, [year]);
  const publish = async () => {
    setBusy(true);
    try {
      const r = await api<CalendarYear>('PUT', `/calendar/${year}/regional`, { holidays: regional, reason: reason.trim() });
      show(r.data);
      setReason('');
      setNotice(t('holidaysPublished', { year }));
      setError('');
    } catch (e) {
      setError(failure(e));
    } finally {
      setBusy(false);
    }
  };
  const national = cal?.national ? [...cal.national.holidays, ...cal.national.cutiBersama].sort((a, b) => (a.date < b.date ? -1 : 1)) : [];
  const cuti = new Set(cal?.national?.cutiBersama.map((d) => d.date));
  return (
    <section>
      <h1>{t('holidays')}</h1>
      <p>{t('holidaysHint')}</p>
      <label>
        {t('year')}
        <select value={year} onChange={(e) => setYear(Number(e.currentTarget.value))}>
          {[thisYear - 1, thisYear, thisYear + 1].map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </label>
      {notice && (
        <p role="status" class="ok">
          {notice}
        </p>
      )}
      <Alert message={error} />
      {cal && (
        <div class="columns">
          <section class="card">
            <h2>{t('nationalDaysOff')}</h2>
            {cal.national ? (
              <DataTable
                label={t('nationalDaysOff')}
                rows={national}
                rowKey={(d) => d.date}
                columns={[
                  { header: 'date', cell: (d) => day(d.date, lang), rowHeader: true },
                  { header: 'holidayName', cell: (d) => d.name },
                  { header: 'holidayKind', cell: (d) => t(cuti.has(d.date) ? 'cutiBersama' : 'nationalHoliday') },
                ]}
              />
            ) : (
              <p class="notice">{t('nationalNotLoaded', { year })}</p>
            )}
          </section>
          <form
            class="card"
            aria-labelledby="regional-title"
            onSubmit={(e) => {
              e.preventDefault();
              if (reason.trim().length < 10) return setError(`${t('reason')}: ${t('minChars', { n: 10 })}`);
              setError('');
              dialog.current?.showModal();
            }}
          >
            <h2 id="regional-title">{t('regionalHolidays')}</h2>
            <fieldset disabled={!admin}>
              <legend>{t('regionalHolidaysOf', { year })}</legend>
              {regional.length === 0 && <p>{t('noRegionalHolidays')}</p>}
              {regional.map((h, i) => (
                <div class="row" key={i}>
                  <label>
                    {t('holidayDateN', { n: i + 1 })}
                    <input
                      type="date"
                      required
                      min={`${year}-01-01`}
                      max={`${year}-12-31`}
                      value={h.date}
                      onInput={(e) => setRegional(regional.map((x, n) => (n === i ? { ...x, date: e.currentTarget.value } : x)))}
                    />
                  </label>
                  <label>
                    {t('holidayNameN', { n: i + 1 })}
                    <input
                      required
                      minLength={3}
                      maxLength={120}
                      value={h.name}
                      onInput={(e) => setRegional(regional.map((x, n) => (n === i ? { ...x, name: e.currentTarget.value } : x)))}
                    />
                  </label>
                  <button type="button" class="secondary" onClick={() => setRegional(regional.filter((_, n) => n !== i))}>
                    {t('removeHolidayN', { n: i + 1 })}
                  </button>
                </div>
              ))}
              <button type="button" class="secondary" onClick={() => setRegional([...regional, { date: '', name: '' }])}>
                {t('addHoliday')}
              </button>
              <label>
                {t('reason')} <small>({t('minChars', { n: 10 })})</small>
                <textarea
                  rows={2}
                  required
                  minLength={10}
                  maxLength={500}
                  value={reason}
                  onInput={(e) => setReason(e.currentTarget.value)}
                />
              </label>
              <button type="submit" disabled={busy}>
                {t('publishHolidays')}
              </button>
            </fieldset>
            <ConfirmDialog dialogRef={dialog} id="holidays-confirm" busy={busy} onConfirm={() => void publish()}>
              {t('confirmHolidays', { year, count: regional.length })}
            </ConfirmDialog>
          </form>
        </div>
      )}
    </section>
  );
}
