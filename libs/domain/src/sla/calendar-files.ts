import { z } from 'zod';
import type { YearCalendar } from './working-calendar.js';

const dated = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), name: z.string().min(1) }).strict();
const YearSchema = z
  .object({ year: z.number().int(), source: z.string().optional(), holidays: z.array(dated), cutiBersama: z.array(dated) })
  .strict()
  .superRefine((y, ctx) => {
    [...y.holidays, ...y.cutiBersama].forEach((d, i) => {
      if (!d.date.startsWith(`${y.year}-`)) ctx.addIssue({ code: 'custom', path: ['dates', i], message: `${d.date} is not in ${y.year}` });
    });
  });

/** The files a calendar folder holds: one `<year>.json` national calendar a year. */
export const CALENDAR_YEAR_FILE = /^\d{4}\.json$/;

/**
 * Validates national calendars given as name and text (the reading is the
 * caller's: the domain does no I/O); a new year is a new file.
 */
export function parseYearCalendars(files: readonly { path: string; text: string }[]): YearCalendar[] {
  return files.map(({ path, text }) => {
    const parsed = YearSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return parsed.data;
  });
}
