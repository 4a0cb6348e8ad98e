import type { Lang, Text } from './words.js';

// Filling placeholders, Rupiah and dates as officers read them.

/** Fills `{name}` placeholders. */
export function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

export function text(t: Text, lang: Lang, params?: Record<string, string | number>): string {
  return fill(t[lang], params);
}

/** Rupiah as people write it: Rp 2.250.000 in Bahasa, Rp 2,250,000 in English. */
export function rupiah(amount: number, lang: Lang): string {
  return `Rp ${Math.round(amount).toLocaleString(lang === 'id' ? 'id-ID' : 'en-US')}`;
}

/**
 * Formatters are built once per language, style and zone: building one costs
 * far more than formatting with it, and a queue page formats a date per row.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(lang: Lang, zone: string, style: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${zone}|${style.dateStyle}|${style.timeStyle ?? ''}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { ...style, timeZone: zone })));
  return f;
}

/** Date and time in the MPP's zone, as officers read them. */
export function dateTime(iso: string, lang: Lang, zone = 'Asia/Jakarta'): string {
  return formatter(lang, zone, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function date(iso: string, lang: Lang, zone = 'Asia/Jakarta'): string {
  return formatter(lang, zone, { dateStyle: 'long' }).format(new Date(iso));
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const dayFormat = (lang: Lang, style: Intl.DateTimeFormatOptions) => {
  const key = `${lang}|${JSON.stringify(style)}`;
  let f = dayFormats.get(key);
  if (!f) dayFormats.set(key, (f = new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { ...style, timeZone: 'UTC' })));
  return f;
};

/**
 * A calendar date (YYYY-MM-DD) or a period starting on it, as a chart labels
 * it: short under the axis ("5 Des", "Des 2026"), long where it is read out
 * ("Sabtu, 5 Desember 2026", "minggu mulai 30 November 2026", "Desember 2026").
 */
export function periodLabel(isoDate: string, unit: 'day' | 'week' | 'month', lang: Lang): { short: string; long: string } {
  const d = new Date(`${isoDate}T00:00:00Z`);
  if (unit === 'month')
    return {
      short: dayFormat(lang, { month: 'short', year: 'numeric' }).format(d),
      long: dayFormat(lang, { month: 'long', year: 'numeric' }).format(d),
    };
  const short = dayFormat(lang, { day: 'numeric', month: 'short' }).format(d);
  if (unit === 'week') {
    const start = dayFormat(lang, { day: 'numeric', month: 'long', year: 'numeric' }).format(d);
    return { short, long: lang === 'id' ? `minggu mulai ${start}` : `week from ${start}` };
  }
  return { short, long: dayFormat(lang, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(d) };
}
