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
