import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { date } from '../i18n/catalogue.js';
import { api } from './api.js';
import { ConfirmDialog } from './confirm-dialog.js';
import { ReasonField, useReasonProblem } from './reason-field.js';
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
  /** Whether this officer publishes the national calendar (an administrator of the home MPP). */
  nationalEditable: boolean;
}

/** A national day off as edited: a holiday or a day of cuti bersama. */
interface NationalDay extends DatedName {
  cuti: boolean;
}

type Key = Parameters<ReturnType<typeof useLang>['t']>[0];

/** Editable rows of dated days off in `year`, labelled by the given keys (numbered from 1). */
function DayRows<D extends DatedName>(props: {
  days: D[];
  onChange: (days: D[]) => void;
  year: number;
  labels: { date: Key; name: Key; remove: Key };
  extra?: (d: D, i: number, set: (patch: Partial<D>) => void) => ComponentChildren;
}) {
  const { t } = useLang();
  const { days, onChange, year, labels } = props;
  return (
    <>
      {days.map((h, i) => {
        const set = (patch: Partial<D>) => onChange(days.map((x, n) => (n === i ? { ...x, ...patch } : x)));
        return (
          <div class="row" key={i}>
            <label>
              {t(labels.date, { n: i + 1 })}
              <input
                type="date"
                required
                min={`${year}-01-01`}
                max={`${year}-12-31`}
                value={h.date}
                onInput={(e) => set({ date: e.currentTarget.value } as Partial<D>)}
              />
            </label>
            <label>
              {t(labels.name, { n: i + 1 })}
              <input
                required
                minLength={3}
                maxLength={120}
                value={h.name}
                onInput={(e) => set({ name: e.currentTarget.value } as Partial<D>)}
              />
            </label>
            {props.extra?.(h, i, set)}
            <button type="button" class="secondary" onClick={() => onChange(days.filter((_, n) => n !== i))}>
              {t(labels.remove, { n: i + 1 })}
            </button>
          </div>
        );
      })}
    </>
  );
}

/**
 * A year of the national calendar as the home MPP's administrator publishes it for every MPP: the SKB's number, its
 * holidays and cuti bersama, and the reason.
 */
function NationalEditor({ cal, onPublished }: { cal: CalendarYear; onPublished: (c: CalendarYear) => void }) {
  const { t, failure } = useLang();
  const year = cal.year;
  const initial = (): NationalDay[] =>
    [
      ...(cal.national?.holidays ?? []).map((d) => ({ ...d, cuti: false })),
      ...(cal.national?.cutiBersama ?? []).map((d) => ({ ...d, cuti: true })),
    ].sort((a, b) => (a.date < b.date ? -1 : 1));
  const [days, setDays] = useState<NationalDay[]>(initial);
  const [source, setSource] = useState(cal.national?.source ?? '');
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const reasonProblem = useReasonProblem();
  useEffect(() => {
    setDays(initial());
    setSource(cal.national?.source ?? '');
  }, [cal]);
  const publish = async () => {
    setBusy(true);
    try {
      const pick = (cuti: boolean) => days.filter((d) => d.cuti === cuti).map(({ date, name }) => ({ date, name }));
      const r = await api<CalendarYear>('PUT', `/calendar/${year}/national`, {
        source: source.trim(),
        holidays: pick(false),
        cutiBersama: pick(true),
        reason: reason.trim(),
      });
      setReason('');
      setError('');
      onPublished(r.data);
    } catch (e) {
      setError(failure(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      class="card"
      aria-labelledby="national-title"
      onSubmit={(e) => {
        e.preventDefault();
        const wrong = reasonProblem(reason, t('nationalReason'));
        if (wrong) return setError(wrong);
        setError('');
        dialog.current?.showModal();
      }}
    >
      <h2 id="national-title">{t('nationalCalendarOf', { year })}</h2>
      <p>{t('nationalEditHint')}</p>
      <Alert message={error} />
      {!cal.national && <p class="notice">{t('nationalNotLoaded', { year })}</p>}
      <label>
        {t('nationalSource')}
        <input required minLength={5} maxLength={200} value={source} onInput={(e) => setSource(e.currentTarget.value)} />
      </label>
      {days.length === 0 && <p>{t('noNationalDays')}</p>}
      <DayRows
        days={days}
        onChange={setDays}
        year={year}
        labels={{ date: 'nationalDateN', name: 'nationalNameN', remove: 'removeNationalN' }}
        extra={(d, i, set) => (
          <label>
            {t('nationalKindN', { n: i + 1 })}
            <select value={d.cuti ? 'cuti' : 'libur'} onChange={(e) => set({ cuti: e.currentTarget.value === 'cuti' })}>
              <option value="libur">{t('nationalHoliday')}</option>
              <option value="cuti">{t('cutiBersama')}</option>
            </select>
          </label>
        )}
      />
      <button type="button" class="secondary" onClick={() => setDays([...days, { date: '', name: '', cuti: false }])}>
        {t('addNationalDay')}
      </button>
      <ReasonField value={reason} onInput={setReason} label={t('nationalReason')} />
      <button type="submit" disabled={busy}>
        {t('publishNational')}
      </button>
      <ConfirmDialog dialogRef={dialog} id="national-confirm" busy={busy} onConfirm={() => void publish()}>
        {t('confirmNational', { year, count: days.length })}
      </ConfirmDialog>
    </form>
  );
}

/** A local date as the page says it (noon UTC: the same day in every Indonesian zone). */
const day = (d: string, lang: 'id' | 'en') => date(`${d}T12:00:00Z`, lang);

/**
 * Issue 23: the MPP's days off. The national calendar (the SKB's holidays and cuti bersama) is every MPP's: read only,
 * but for the home MPP's administrators, who publish it; the MPP's administrator publishes its regional holidays of a
 * year, with the reason, and its deadlines count them from then on.
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
  const reasonProblem = useReasonProblem();
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
      {/* A label of its own (not wrapping the select): its name is the year's, not the options'. */}
      <label for="holidays-year">{t('year')}</label>
      <select id="holidays-year" value={year} onChange={(e) => setYear(Number(e.currentTarget.value))}>
        {[thisYear - 1, thisYear, thisYear + 1].map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
      {notice && (
        <p role="status" class="ok">
          {notice}
        </p>
      )}
      <Alert message={error} />
      {cal && (
        <div class="columns">
          {cal.nationalEditable ? (
            <NationalEditor
              cal={cal}
              onPublished={(c) => {
                show(c);
                setNotice(t('nationalPublished', { year }));
              }}
            />
          ) : (
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
          )}
          <form
            class="card"
            aria-labelledby="regional-title"
            onSubmit={(e) => {
              e.preventDefault();
              const wrong = reasonProblem(reason);
              if (wrong) return setError(wrong);
              setError('');
              dialog.current?.showModal();
            }}
          >
            <h2 id="regional-title">{t('regionalHolidays')}</h2>
            <fieldset disabled={!admin}>
              <legend>{t('regionalHolidaysOf', { year })}</legend>
              {regional.length === 0 && <p>{t('noRegionalHolidays')}</p>}
              <DayRows
                days={regional}
                onChange={setRegional}
                year={year}
                labels={{ date: 'holidayDateN', name: 'holidayNameN', remove: 'removeHolidayN' }}
              />
              <button type="button" class="secondary" onClick={() => setRegional([...regional, { date: '', name: '' }])}>
                {t('addHoliday')}
              </button>
              <ReasonField value={reason} onInput={setReason} />
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
