import { lookupProblem } from './tracking-html.js';

describe("the public page's words for a refused lookup", () => {
  it('says a long wait in minutes, as people say it (issue 20: "900 detik")', () => {
    expect(lookupProblem(429, 900)).toEqual({
      id: 'Terlalu banyak percobaan. Coba lagi dalam 15 menit.',
      en: 'Too many attempts. Try again in 15 minutes.',
    });
    expect(lookupProblem(429, 61).id).toContain('2 menit');
    expect(lookupProblem(429, 60).en).toContain('1 minute.');
  });

  it('keeps seconds under a minute', () => {
    expect(lookupProblem(429, 42)).toEqual({
      id: 'Terlalu banyak percobaan. Coba lagi dalam 42 detik.',
      en: 'Too many attempts. Try again in 42 seconds.',
    });
  });
});
