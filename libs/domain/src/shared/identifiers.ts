/**
 * NIK: 16 digits = province (2), regency/city (2), district (2), birth date
 * DDMMYY with women's day + 40, and a 4-digit serial.
 */
export function nikProblem(nik: string): string | undefined {
  if (!/^\d{16}$/.test(nik)) return 'NIK must be exactly 16 digits';
  if (nik.startsWith('00')) return 'NIK province code cannot be 00';
  let day = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  if (day > 40) day -= 40;
  if (month < 1 || month > 12) return 'NIK birth month must be 01-12';
  if (day < 1 || day > 31) return 'NIK birth day must be 01-31 (41-71 for women)';
  if (nik.slice(12) === '0000') return 'NIK serial cannot be 0000';
  return undefined;
}

/** NIB (Nomor Induk Berusaha): the 13-digit business number OSS issues. */
export const NIB_PATTERN = /^\d{13}$/;

/**
 * Indonesian phone numbers, digits only after an optional +62: a mobile
 * (08 then 7-12 digits) or a landline with its area code (0 then an area
 * code starting 2-7 or 9, e.g. 021 or 0274, and the subscriber number; 8-11
 * digits after the 0), as a company's office line is.
 */
export const PHONE_PATTERN = /^(\+62|0)(8\d{7,12}|[2-79]\d{7,10})$/;

/**
 * The applicant's name as the public may see it: first letters kept, the rest
 * masked ("Budi Santoso" -> "B*** S******"). Counted by code point, so a letter
 * outside the Basic Multilingual Plane ("𠮷田" -> "𠮷*") is kept or masked
 * whole, never split into half a surrogate pair (which no JSON column accepts);
 * a name that is not well-formed is repaired first.
 */
export function maskName(name: string): string {
  return name
    .toWellFormed()
    .trim()
    .split(/\s+/u)
    .map((w) => {
      const letters = Array.from(w);
      return letters.length <= 1 ? w : letters[0] + '*'.repeat(letters.length - 1);
    })
    .join(' ');
}
