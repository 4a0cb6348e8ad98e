import type { Label } from '#berkas/domain';
/** Small pieces of the public pages' HTML: escaping, both languages, Rupiah and dates in the MPP's zone. */

/** A text in Bahasa Indonesia and English: the domain's Label. */
export type Text = Label;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (s: unknown): string => String(s).replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** Bahasa Indonesia first, English second, each marked with its language (screen readers switch voice). */
export const bi = (t: Text): string => (t.id === t.en ? esc(t.id) : `${esc(t.id)} <span class="en" lang="en">/ ${esc(t.en)}</span>`);

/** The same on two lines, for headings and longer sentences. */
export const biBlock = (t: Text, tag = 'p', attrs = ''): string =>
  `<${tag}${attrs}>${esc(t.id)}<span class="en block" lang="en">${esc(t.en)}</span></${tag}>`;

export { rupiah } from '#berkas/domain/public-status';

const formats = new Map<string, Intl.DateTimeFormat>();
function format(locale: string, zone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${zone}|${withTime}`;
  let f = formats.get(key);
  if (!f)
    formats.set(
      key,
      (f = new Intl.DateTimeFormat(locale, { dateStyle: 'long', ...(withTime ? { timeStyle: 'short' } : {}), timeZone: zone })),
    );
  return f;
}

/** A date (and time) in the MPP's zone, in both languages; the zone's name follows, as WIB, WITA or WIT. */
export const when = (iso: string, zone: string, zoneName: string, withTime = false): Text => {
  const d = new Date(iso);
  const suffix = withTime ? ` ${zoneName}` : '';
  return { id: format('id-ID', zone, withTime).format(d) + suffix, en: format('en-GB', zone, withTime).format(d) + suffix };
};
