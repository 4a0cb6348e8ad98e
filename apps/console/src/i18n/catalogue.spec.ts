import { DOMAIN_ERROR_CODES, DOSSIER_EVENT_TYPES, PUBLIC_STATUS } from '#berkas/domain';
import { REFUSAL_REASONS } from '#berkas/files';
import {
  DELIVERY_TEXT,
  ERROR_TEXT,
  EVENT_TEXT,
  HTTP_TEXT,
  NOTICE_TEXT,
  problemText,
  ROLE_TEXT,
  rupiah,
  STATUS_TEXT,
  UI,
  VIA_TEXT,
  type Text,
} from './catalogue.js';

const both = (t: Text | undefined) => Boolean(t && t.id.trim() && t.en.trim());

describe("the officers' console's translation catalogue", () => {
  it('has a Bahasa and an English text for every event type the domain knows', () => {
    const missing = DOSSIER_EVENT_TYPES.filter((type) => !both(EVENT_TEXT[type]));
    expect(missing).toEqual([]);
    expect(Object.keys(EVENT_TEXT).sort()).toEqual([...DOSSIER_EVENT_TYPES].sort());
  });

  // One phrase per state (issue 21): the console says a dossier's status in the public page's words, nothing beside them.
  it('has both texts for every public status, role and notice', () => {
    expect(Object.keys(PUBLIC_STATUS).filter((s) => !both(STATUS_TEXT[s as keyof typeof STATUS_TEXT]))).toEqual([]);
    expect(Object.values(ROLE_TEXT).every(both)).toBe(true);
    expect([...Object.values(NOTICE_TEXT), ...Object.values(DELIVERY_TEXT), ...Object.values(VIA_TEXT)].every(both)).toBe(true);
  });

  it('turns every error code the API can answer into a sentence in each language, never the code', () => {
    const codes = [
      ...DOMAIN_ERROR_CODES,
      'SERVICE.UNAVAILABLE',
      'IDEMPOTENCY.KEY_REUSED',
      'DOSSIER.CONCURRENT_CHANGE',
      'DOCUMENT.TOO_LARGE',
      'DOCUMENT.DISPOSED',
      ...REFUSAL_REASONS.map((r) => `DOCUMENT.${r}`),
    ];
    expect(codes.filter((c) => !both(ERROR_TEXT[c as keyof typeof ERROR_TEXT]))).toEqual([]);
    for (const code of codes)
      for (const lang of ['id', 'en'] as const) {
        const sentence = problemText({ status: 422, code }, lang);
        expect(sentence).not.toContain(code);
        expect(sentence).toMatch(/[.!]$/);
      }
  });

  it('names the dossier that already holds a payment reference, and says nothing of it when the API did not', () => {
    const taken = { status: 409, code: 'FEE.REFERENCE_USED_ELSEWHERE' };
    expect(problemText({ ...taken, details: { registrationNumber: 'PBG-2026-000004' } }, 'id')).toMatch(
      /sudah dicatat pada berkas lain.*Berkas yang memakainya: PBG-2026-000004\.$/,
    );
    expect(problemText({ ...taken, details: { registrationNumber: 'PBG-2026-000004' } }, 'en')).toMatch(
      /Dossier holding it: PBG-2026-000004\.$/,
    );
    expect(problemText({ ...taken, details: { registrationNumber: '' } }, 'id')).not.toContain('{');
    expect(problemText(taken, 'en')).not.toContain('holding it');
  });

  it('explains refusals without a code by status, naming fields in words, with the wait of a rate limit', () => {
    expect(Object.values(HTTP_TEXT).every(both)).toBe(true);
    expect(problemText({ status: 429, retryAfter: 42 }, 'id')).toBe('Terlalu banyak percobaan. Coba lagi dalam 42 detik.');
    expect(problemText({ status: 429, retryAfter: 42 }, 'en')).toBe('Too many attempts. Try again in 42 seconds.');
    const invalid = problemText(
      {
        status: 400,
        errors: [
          { field: 'applicant.nik', reason: 'NIK must be 16 digits' },
          { field: 'x.y', reason: 'r' },
        ],
      },
      'id',
    );
    expect(invalid).toContain('NIK');
    expect(invalid).toContain('isian lain');
    expect(invalid).not.toContain('x.y');
    expect(invalid).not.toContain('must');
    expect(problemText({ status: 502 }, 'en')).toContain('Server error');
  });

  it('has both texts for every label, and writes Rupiah the way each language does', () => {
    expect(Object.entries(UI).filter(([, t]) => !both(t))).toEqual([]);
    expect(rupiah(2_250_000, 'id')).toBe('Rp 2.250.000');
    expect(rupiah(2_250_000, 'en')).toBe('Rp 2,250,000');
  });
});
