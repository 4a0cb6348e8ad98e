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
  private readonly closed = new Map<string, string>();
  private readonly loadedYears: Set<number>;
  readonly zone: string;

  constructor(private readonly settings: CalendarSettings) {
    this.zone = MPP_TIME_ZONES[settings.zone];
    this.loadedYears = new Set(settings.years.map((y) => y.year));
    for (const y of settings.years) {
      for (const d of [...y.holidays, ...y.cutiBersama]) this.closed.set(d.date, d.name);
    }
    for (const d of settings.regionalHolidays) this.closed.set(d.date, d.name);
  }

  hasYear(year: number): boolean {
    return this.loadedYears.has(year);
  }

  /** Why a local date is not a working day, or undefined when it is one. */
  closedReason(localDate: string): string | undefined {
    const day = DateTime.fromISO(localDate, { zone: this.zone });
    if (day.weekday === 7) return 'Minggu';
    if (day.weekday === 6 && !this.settings.saturdayOpen) return 'Sabtu';
    return this.closed.get(localDate);
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
    let day = this.localDay(fromInstant);
    let provisional = !this.hasYear(day.year);
    let left = days;
    while (left > 0) {
      day = day.plus({ days: 1 });
      if (!this.hasYear(day.year)) provisional = true;
      if (this.isWorkingDay(day.toISODate()!)) left--;
    }
    return { dueAt: day.endOf('day').toUTC().toISO()!, provisional };
  }

  /** Extends a due date by `days` working days, keeping its provisional flag. */
  extend(due: DueDate, days: number): DueDate {
    if (days <= 0) return due;
    const next = this.addWorkingDays(due.dueAt, days);
    return { dueAt: next.dueAt, provisional: due.provisional || next.provisional };
  }

  /** Working days d with date(from) < d <= date(to): how long a clock was paused. */
  workingDaysBetween(fromInstant: string, toInstant: string): number {
    let day = this.localDay(fromInstant);
    const end = this.localDay(toInstant);
    let count = 0;
    while (day < end) {
      day = day.plus({ days: 1 });
      if (this.isWorkingDay(day.toISODate()!)) count++;
    }
    return count;
  }

  /** The local calendar date (yyyy-MM-dd) of an instant in the MPP's zone. */
  localDate(instant: string): string {
    return this.localDay(instant).toISODate()!;
  }

  private localDay(instant: string): DateTime {
    const dt = DateTime.fromISO(instant, { zone: 'utc' }).setZone(this.zone);
    if (!dt.isValid) throw new Error(`Not an ISO instant: ${instant}`);
    return dt.startOf('day');
  }
}
