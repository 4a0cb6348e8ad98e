import { DateTime } from 'luxon';

/** The three Indonesian time zones an MPP can sit in. */
export const MPP_TIME_ZONES = {
  WIB: 'Asia/Jakarta',
  WITA: 'Asia/Makassar',
  WIT: 'Asia/Jayapura',
} as const;
export type MppZoneCode = keyof typeof MPP_TIME_ZONES;

export interface DatedName {
  date: string; // yyyy-MM-dd, local to the MPP
  name: string;
}

/** One year of the national calendar (SKB 3 Menteri): holidays and cuti bersama. */
export interface YearCalendar {
  year: number;
  source?: string;
  holidays: DatedName[];
  cutiBersama: DatedName[];
}

export interface CalendarSettings {
  zone: MppZoneCode;
  saturdayOpen: boolean;
  regionalHolidays: DatedName[];
  years: YearCalendar[];
}

export interface DueDate {
  /** ISO instant of the end of the last working day, in the MPP's zone. */
  dueAt: string;
  /** True when a day counted lies in a year with no calendar loaded. */
  provisional: boolean;
}

/**
 * Working days (hari kerja) of one MPP. Pure: it only reads the calendar data
 * it was given, never the clock.
 */
export class WorkingCalendar {
  /**
   * The zone's offset from UTC, in milliseconds, for instants from FIXED_SINCE on: WIB, WITA and WIT have kept one
   * offset, without summer time, since long before then. Counting working days is on every command's path, and this
   * spares it a time-zone library's objects (issue 24); an instant before that date is converted by luxon.
   */
  private readonly offsetMs: number;
  /** The national calendar's days off (holidays and cuti bersama). */
  private readonly closed = new Map<string, string>();
  /** The MPP's regional holidays (its tenants entry, then what its administrator published: issue 23). */
  private readonly regional = new Map<string, string>();
  /** The national calendar's years: the files', then those published from the console (issue 23). */
  private readonly years = new Map<number, YearCalendar>();
  /** The closed dates (national and regional) as day numbers, for the day-by-day walks; rebuilt after a change. */
  private closedDays: Set<number> | undefined;
  readonly zone: string;

  constructor(private readonly settings: CalendarSettings) {
    this.zone = MPP_TIME_ZONES[settings.zone];
    this.offsetMs = DateTime.fromMillis(FIXED_SINCE, { zone: this.zone }).offset * 60_000;
    for (const y of settings.years) this.setNationalYear(y);
    for (const d of settings.regionalHolidays) this.regional.set(d.date, d.name);
  }

  /**
   * Loads or replaces one year of the national calendar (the SKB's holidays and cuti bersama), as published for every
   * MPP (issue 23). Due dates already recorded keep their day (D07); what is counted from now on follows it, and a
   * deadline in that year is no longer provisional.
   */
  setNationalYear(y: YearCalendar): void {
    for (const date of [...this.closed.keys()]) if (date.startsWith(`${y.year}-`)) this.closed.delete(date);
    for (const d of [...y.holidays, ...y.cutiBersama]) this.closed.set(d.date, d.name);
    this.years.set(y.year, y);
    this.closedDays = undefined;
  }

  /**
   * Replaces one year's regional holidays with those the MPP's administrator published (issue 23). Due dates already
   * recorded keep their day (they live in the events, D07); what is counted from now on skips the new days.
   */
  setRegionalHolidays(year: number, days: DatedName[]): void {
    for (const date of [...this.regional.keys()]) if (date.startsWith(`${year}-`)) this.regional.delete(date);
    for (const d of days) this.regional.set(d.date, d.name);
    this.closedDays = undefined;
  }

  /** A year's regional holidays, by date. */
  regionalHolidays(year: number): DatedName[] {
    return [...this.regional]
      .filter(([date]) => date.startsWith(`${year}-`))
      .map(([date, name]) => ({ date, name }))
      .sort((a, b) => (a.date < b.date ? -1 : 1));
  }

  /** A year of the national calendar (the SKB's holidays and cuti bersama), when it is loaded. */
  nationalYear(year: number): YearCalendar | undefined {
    return this.years.get(year);
  }

  hasYear(year: number): boolean {
    return this.years.has(year);
  }

  /** Why a local date is not a working day, or undefined when it is one. */
  closedReason(localDate: string): string | undefined {
    const weekday = new Date(`${localDate}T00:00:00Z`).getUTCDay();
    if (weekday === 0) return 'Minggu';
    if (weekday === 6 && !this.settings.saturdayOpen) return 'Sabtu';
    return this.closed.get(localDate) ?? this.regional.get(localDate);
  }

  isWorkingDay(localDate: string): boolean {
    return this.closedReason(localDate) === undefined;
  }

  /**
   * Due date of an SLA of `days` working days counted from `fromInstant`:
   * counting starts the working day after, and the dossier is due at the end
   * of the Nth working day (0 days: the end of the same day).
   */
  addWorkingDays(fromInstant: string, days: number): DueDate {
    // Walk day numbers (cheap); the zone matters only at both ends.
    const start = this.localDate(fromInstant);
    let day = dayNumber(start);
    let year = Number(start.slice(0, 4));
    let yearEnd = dayNumber(`${year}-12-31`);
    let provisional = !this.hasYear(year);
    let left = days;
    while (left > 0) {
      day++;
      if (day > yearEnd) {
        year++;
        yearEnd = dayNumber(`${year}-12-31`);
        if (!this.hasYear(year)) provisional = true;
      }
      if (this.isWorkingDayNumber(day)) left--;
    }
    return { dueAt: this.endOfDay(dateOf(day)), provisional };
  }

  /** `isWorkingDay` for a day number (days since 1970-01-01). */
  private isWorkingDayNumber(day: number): boolean {
    // 1970-01-01 was a Thursday (4); Sunday is 0.
    const weekday = (((day + 4) % 7) + 7) % 7;
    if (weekday === 0 || (weekday === 6 && !this.settings.saturdayOpen)) return false;
    this.closedDays ??= new Set([...this.closed.keys(), ...this.regional.keys()].map(dayNumber));
    return !this.closedDays.has(day);
  }

  /** The last millisecond of a local date in the MPP's zone, as an ISO instant in UTC. */
  endOfDay(localDate: string): string {
    const end = Date.parse(`${localDate}T00:00:00Z`) + DAY_MS - this.offsetMs - 1;
    if (end >= FIXED_SINCE) return new Date(end).toISOString();
    return DateTime.fromISO(localDate, { zone: this.zone }).endOf('day').toUTC().toISO()!;
  }

  /** Extends a due date by `days` working days, keeping its provisional flag. */
  extend(due: DueDate, days: number): DueDate {
    if (days <= 0) return due;
    const next = this.addWorkingDays(due.dueAt, days);
    return { dueAt: next.dueAt, provisional: due.provisional || next.provisional };
  }

  /** Working days d with date(from) < d <= date(to): how long a clock was paused. */
  workingDaysBetween(fromInstant: string, toInstant: string): number {
    let day = dayNumber(this.localDate(fromInstant));
    const end = dayNumber(this.localDate(toInstant));
    let count = 0;
    while (day < end) {
      day++;
      if (this.isWorkingDayNumber(day)) count++;
    }
    return count;
  }

  /** The local calendar date (yyyy-MM-dd) of an instant in the MPP's zone. */
  localDate(instant: string): string {
    // The instants Berkas writes (toISOString: ...Z) take the fixed offset; anything else is parsed by luxon.
    if (UTC_INSTANT.test(instant)) {
      const at = Date.parse(instant);
      if (at >= FIXED_SINCE) return new Date(at + this.offsetMs).toISOString().slice(0, 10);
    }
    const dt = DateTime.fromISO(instant, { zone: 'utc' }).setZone(this.zone);
    if (!dt.isValid) throw new Error(`Not an ISO instant: ${instant}`);
    return dt.toISODate()!;
  }
}

const DAY_MS = 86_400_000;

/** From here on the three zones' offsets are fixed (WIB +7, WITA +8, WIT +9); the spec checks it against tzdata. */
const FIXED_SINCE = Date.UTC(1990, 0, 1);

/** An ISO instant in UTC, as Date#toISOString writes it (milliseconds optional). */
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** Days since 1970-01-01 of a yyyy-MM-dd date. */
function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

/** The yyyy-MM-dd date of a day number. */
function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
