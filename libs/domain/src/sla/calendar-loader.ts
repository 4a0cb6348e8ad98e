import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** Loads every `<year>.json` national calendar in a folder; a new year is a new file. */
export function loadYearCalendars(dir: string): YearCalendar[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}\.json$/.test(f))
    .map((f) => {
      const file = join(dir, f);
      const parsed = YearSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      return parsed.data;
    });
}
