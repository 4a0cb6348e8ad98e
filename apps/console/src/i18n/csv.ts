import type { Lang } from './words.js';

/**
 * A CSV file as spreadsheets in Indonesia open it (issue 21): Excel with
 * Indonesian regional settings splits on `;` (the list separator where the
 * decimal mark is a comma), so cells are separated by `;`, decimals are
 * written with a comma in Bahasa Indonesia (a point in English), the text is
 * UTF-8 behind a byte-order mark (so names keep their letters) and lines end
 * in CRLF. A cell that a spreadsheet would run as a formula (=, +, -, @ at its
 * start: a name typed at the counter) is written as text.
 */
export function csvText(rows: (string | number | null)[][], lang: Lang): string {
  const cell = (v: string | number | null): string => {
    if (v === null) return '';
    if (typeof v === 'number') return lang === 'id' ? String(v).replace('.', ',') : String(v);
    const text = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `\uFEFF${rows.map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
}
