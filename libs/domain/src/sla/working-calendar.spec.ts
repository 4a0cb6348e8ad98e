import { catalogue, calendar2026, DossierScenario, officers } from '#berkas/domain/testing';
import { DateTime } from 'luxon';
import { MPP_TIME_ZONES, WorkingCalendar, type MppZoneCode } from './working-calendar.js';
import { CALENDAR_YEAR_FILE, parseYearCalendars } from './calendar-files.js';
import { readDataFolder } from '#berkas/domain/testing';
import { join } from 'node:path';

const years = parseYearCalendars(readDataFolder(join(process.cwd(), 'data', 'calendar'), CALENDAR_YEAR_FILE));
// End of a WIB day is 16:59:59.999 UTC.
const endOfWib = (date: string) => `${date}T16:59:59.999Z`;

describe('working days in 2026 (WIB)', () => {
  const cal = calendar2026();

  it('skips Nyepi, Idulfitri and the cuti bersama around them', () => {
    // Registered Tuesday 17 March; 18-24 March are holidays, cuti bersama or a weekend.
    expect(cal.addWorkingDays('2026-03-17T03:00:00Z', 5)).toEqual({ dueAt: endOfWib('2026-03-31'), provisional: false });
  });

  it('starts counting the working day after registration and skips the weekend', () => {
    // Friday 6 March + 1 working day = Monday 9 March.
    expect(cal.addWorkingDays('2026-03-06T09:00:00Z', 1).dueAt).toBe(endOfWib('2026-03-09'));
    expect(cal.addWorkingDays('2026-03-06T09:00:00Z', 0).dueAt).toBe(endOfWib('2026-03-06'));
  });

  it('counts cuti bersama of Christmas Eve and Christmas as closed', () => {
    // Wednesday 23 Dec + 1 = Monday 28 Dec (24 cuti bersama, 25 Natal, 26-27 weekend).
    expect(cal.addWorkingDays('2026-12-23T02:00:00Z', 1).dueAt).toBe(endOfWib('2026-12-28'));
  });

  it('uses the MPP local date: 23:30 WIB on Monday is still Monday', () => {
    expect(cal.localDate('2026-03-02T16:30:00Z')).toBe('2026-03-02');
    expect(cal.localDate('2026-03-02T17:30:00Z')).toBe('2026-03-03');
    const wit = new WorkingCalendar({ zone: 'WIT', saturdayOpen: false, regionalHolidays: [], years });
    expect(wit.localDate('2026-03-02T15:30:00Z')).toBe('2026-03-03');
  });

  it('flags a due date provisional when it reaches a year with no calendar', () => {
    const due = cal.addWorkingDays('2026-12-28T02:00:00Z', 5);
    expect(due.provisional).toBe(true);
    expect(cal.addWorkingDays('2026-12-01T02:00:00Z', 5).provisional).toBe(false);
  });

  it('takes a year of the national calendar published later: no longer provisional, its days skipped, a republished year replaced', () => {
    const later = new WorkingCalendar({ zone: 'WIB', saturdayOpen: false, regionalHolidays: [], years });
    // Monday 28 December 2026 + 5 working days reaches into 2027, which no file has.
    expect(later.addWorkingDays('2026-12-28T02:00:00Z', 5)).toEqual({ dueAt: endOfWib('2027-01-04'), provisional: true });
    later.setNationalYear({ year: 2027, source: 'SKB 2027', holidays: [{ date: '2027-01-01', name: 'Tahun Baru 2027' }], cutiBersama: [] });
    expect(later.addWorkingDays('2026-12-28T02:00:00Z', 5)).toEqual({ dueAt: endOfWib('2027-01-05'), provisional: false });
    expect(later.nationalYear(2027)?.source).toBe('SKB 2027');
    // Published again: the year's days are the new list, the old ones open again.
    later.setNationalYear({
      year: 2027,
      source: 'SKB 2027 (perubahan)',
      holidays: [],
      cutiBersama: [{ date: '2027-01-04', name: 'Cuti' }],
    });
    expect(later.closedReason('2027-01-01')).toBeUndefined();
    expect(later.closedReason('2027-01-04')).toBe('Cuti');
    // The year before is untouched.
    expect(later.closedReason('2026-12-25')).toBe(cal.closedReason('2026-12-25'));
  });

  it('honours Saturday opening and regional holidays from the MPP configuration', () => {
    const bali = new WorkingCalendar({
      zone: 'WITA',
      saturdayOpen: true,
      regionalHolidays: [{ date: '2026-03-10', name: 'Galungan' }],
      years,
    });
    // WITA Friday 6 March + 1 = Saturday 7; + 3 = Wednesday 11 (Sunday, Galungan closed).
    expect(bali.addWorkingDays('2026-03-06T02:00:00Z', 1).dueAt).toBe('2026-03-07T15:59:59.999Z');
    expect(bali.addWorkingDays('2026-03-06T02:00:00Z', 3).dueAt).toBe('2026-03-11T15:59:59.999Z');
    expect(bali.closedReason('2026-03-10')).toBe('Galungan');
  });
});

describe('SLA of a dossier', () => {
  it('pauses the clock while the dossier is with the applicant when the service says so', () => {
    const s = new DossierScenario(catalogue().latest('pbg')!, calendar2026(), '2026-03-02T02:00:00.000Z');
    s.register();
    const dueBefore = s.state.due.dueAt;
    s.act(officers.backOffice, { type: 'ReturnForCorrection', data: { reasons: ['KTP buram'] } }, '2026-03-03T02:00:00.000Z');
    // Back on Friday: Wed, Thu, Fri were spent with the applicant.
    const [e] = s.when(officers.frontDesk, { type: 'ResubmitCorrections', data: { note: 'KTP baru' } }, '2026-03-06T02:00:00.000Z');
    expect(e.type === 'CorrectionsResubmitted' && e.data.pausedWorkingDays).toBe(3);
    expect(s.state.due.dueAt > dueBefore).toBe(true);
    expect(s.state.due.dueAt).toBe(calendar2026().addWorkingDays(dueBefore, 3).dueAt);
  });

  it('keeps the clock running for a service that does not pause', () => {
    const s = new DossierScenario(catalogue().latest('reklame')!, calendar2026(), '2026-03-02T02:00:00.000Z');
    s.register();
    const dueBefore = s.state.due.dueAt;
    s.act(officers.backOffice, { type: 'ReturnForCorrection', data: { reasons: ['desain tidak jelas'] } }, '2026-03-03T02:00:00.000Z');
    s.when(officers.frontDesk, { type: 'ResubmitCorrections', data: { note: 'desain baru' } }, '2026-03-06T02:00:00.000Z');
    expect(s.state.due.dueAt).toBe(dueBefore);
  });

  it('SIP Dokter is due 9 working days after registration', () => {
    const s = new DossierScenario(catalogue().latest('sip-dokter')!, calendar2026(), '2026-05-11T02:00:00.000Z');
    s.register();
    // Monday 11 May; 14 May holiday, 15 May cuti bersama: 12,13,18,19,20,21,22,25,26.
    expect(s.state.due.dueAt).toBe(endOfWib('2026-05-26'));
  });
});

describe('local dates and ends of days without a time-zone library (issue 24)', () => {
  // The reference: luxon with the system's tz database, as the calendar computed both before.
  const byLuxon = (zone: string) => ({
    localDate: (instant: string) => DateTime.fromISO(instant, { zone: 'utc' }).setZone(zone).toISODate()!,
    endOfDay: (date: string) => DateTime.fromISO(date, { zone }).endOf('day').toUTC().toISO()!,
  });

  it.each(Object.keys(MPP_TIME_ZONES) as MppZoneCode[])('agree with the tz database in %s, 1985 to 2100', (zone) => {
    const calendar = new WorkingCalendar({ zone, saturdayOpen: false, regionalHolidays: [], years: [] });
    const reference = byLuxon(MPP_TIME_ZONES[zone]);
    // A fixed walk (a prime step) over 115 years, plus the minutes around local midnight.
    const from = Date.UTC(1985, 0, 1);
    const to = Date.UTC(2100, 0, 1);
    const instants: string[] = [];
    for (let t = from; t < to; t += 7_919_993_377) instants.push(new Date(t).toISOString());
    for (const hour of [14, 15, 16, 17]) instants.push(`2026-03-15T${hour}:00:00.000Z`, `2026-03-15T${hour}:59:59.999Z`);
    instants.push('2026-12-31T16:59:59.999Z', '2026-12-31T17:00:00.000Z', '2026-12-31T14:59:59Z', '2026-12-31T15:00:00Z');
    for (const instant of instants) {
      expect([instant, calendar.localDate(instant)]).toEqual([instant, reference.localDate(instant)]);
      const date = reference.localDate(instant);
      expect([date, calendar.endOfDay(date)]).toEqual([date, reference.endOfDay(date)]);
    }
    // Instants written with an offset, or without milliseconds' Z, are still read as the library reads them.
    for (const instant of ['2026-06-01T00:30:00+07:00', '2026-06-01T23:30:00+09:00', '2026-06-01T16:59:59.999+00:00'])
      expect(calendar.localDate(instant)).toBe(reference.localDate(instant));
    expect(() => calendar.localDate('2026-13-01T00:00:00Z')).toThrow('Not an ISO instant');
  });
});

describe('working days counted on day numbers (issue 24)', () => {
  // The reference: a walk over yyyy-MM-dd dates asking `closedReason` of each, as the calendar counted before.
  const nextDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const byDates = (calendar: WorkingCalendar) => ({
    add: (from: string, days: number) => {
      let day = calendar.localDate(from);
      let provisional = !calendar.hasYear(Number(day.slice(0, 4)));
      for (let left = days; left > 0;) {
        day = nextDate(day);
        if (!calendar.hasYear(Number(day.slice(0, 4)))) provisional = true;
        if (calendar.closedReason(day) === undefined) left--;
      }
      return { dueAt: calendar.endOfDay(day), provisional };
    },
    between: (from: string, to: string) => {
      let count = 0;
      for (let day = calendar.localDate(from), end = calendar.localDate(to); day < end;) {
        day = nextDate(day);
        if (calendar.closedReason(day) === undefined) count++;
      }
      return count;
    },
  });

  it.each([false, true])('agree with a date-by-date walk, Saturdays open: %s, 1965 to 2100, holidays and year ends', (saturdayOpen) => {
    const calendar = new WorkingCalendar({
      zone: 'WITA',
      saturdayOpen,
      regionalHolidays: [{ date: '2026-04-10', name: 'Hari Jadi Kota' }],
      years,
    });
    const reference = byDates(calendar);
    const instants: string[] = [];
    for (let t = Date.UTC(1965, 0, 1); t < Date.UTC(2100, 0, 1); t += 3_999_999_937) instants.push(new Date(t).toISOString());
    for (let d = 1; d <= 31; d += 2) instants.push(`2026-12-${String(d).padStart(2, '0')}T03:00:00.000Z`);
    instants.push('2026-03-17T03:00:00.000Z', '2026-04-09T15:59:59.999Z', '2026-04-09T16:00:00.000Z', '1969-12-31T12:00:00.000Z');
    for (const [i, from] of instants.entries()) {
      const days = [0, 1, 5, 9, 28, 60][i % 6];
      expect([from, days, calendar.addWorkingDays(from, days)]).toEqual([from, days, reference.add(from, days)]);
      const to = new Date(Date.parse(from) + (i % 40) * 86_400_000 + 3_600_000).toISOString();
      expect([from, to, calendar.workingDaysBetween(from, to)]).toEqual([from, to, reference.between(from, to)]);
    }
  });
});
