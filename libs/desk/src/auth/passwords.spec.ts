import { passwordRefusals, temporaryPassword } from './passwords.js';

describe("an officer's password", () => {
  const officer = { username: 'verifikator' };

  it('refuses a short one, the current one again, and one built on the username, saying each', () => {
    expect(passwordRefusals('pendek', officer)).toEqual(['at least 10 characters']);
    expect(passwordRefusals('sama-persis-123', officer, 'sama-persis-123')).toEqual(['must differ from the current password']);
    expect(passwordRefusals('Verifikator2026!', officer)).toEqual(['must not contain the username']);
    expect(passwordRefusals('kopi-pagi-di-loket', officer, 'yang-lama-123')).toEqual([]);
  });

  it('makes temporary passwords that read aloud without mistakes and differ every time', () => {
    const made = Array.from({ length: 200 }, temporaryPassword);
    for (const p of made) {
      expect(p).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
      expect(p).not.toMatch(/[01ilo]/);
      expect(passwordRefusals(p, officer)).toEqual([]);
    }
    expect(new Set(made).size).toBe(made.length);
  });
});
