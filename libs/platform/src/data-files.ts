import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CALENDAR_YEAR_FILE,
  CATALOGUE_DEFINITION_FILE,
  parseYearCalendars,
  ServiceCatalogue,
  Tariffs,
  type YearCalendar,
} from '#berkas/domain';

/** A folder's files whose names match, sorted, as path and text: what the domain's parsers take. */
function readFolder(dir: string, names: RegExp): { path: string; text: string }[] {
  return readdirSync(dir)
    .filter((f) => names.test(f))
    .sort()
    .map((f) => ({ path: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));
}

/** The service catalogue of `CATALOGUE_DIR`: desks.json and every `<code>.v<version>.json`, validated. */
export function loadCatalogue(dir: string): ServiceCatalogue {
  return ServiceCatalogue.parse(readFolder(dir, new RegExp(`^desks\\.json$|${CATALOGUE_DEFINITION_FILE.source}`)));
}

/** Every `<year>.json` national calendar of `CALENDAR_DIR`. */
export function loadYearCalendars(dir: string): YearCalendar[] {
  return parseYearCalendars(readFolder(dir, CALENDAR_YEAR_FILE));
}

/** Every `<year>.json` regional tariff of `TARIFF_DIR` (PBG's SHST and Ilo, tax rates and rental values). */
export function loadTariffs(dir: string): Tariffs {
  return Tariffs.parse(readFolder(dir, /^\d{4}\.json$/));
}
