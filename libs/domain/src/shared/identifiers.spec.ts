import { maskName, nikProblem, PHONE_PATTERN } from './identifiers.js';

describe('identifiers', () => {
  it("accepts a well-formed NIK, including a woman's (day + 40)", () => {
    expect(nikProblem('3273011508800001')).toBeUndefined();
    expect(nikProblem('3273015508800001')).toBeUndefined();
  });
  it('refuses NIKs of the wrong length, month or serial', () => {
    expect(nikProblem('12345')).toMatch(/16 digits/);
    expect(nikProblem('3273011513800001')).toMatch(/month/);
    expect(nikProblem('3273011508800000')).toMatch(/serial/);
  });
  it('masks names for the public', () => {
    expect(maskName('Budi  Santoso')).toBe('B*** S******');
  });
  it('masks letters outside the Basic Multilingual Plane whole, never half a surrogate pair', () => {
    const masked = maskName('𠮷田 Hanako');
    expect(masked).toBe('𠮷* H*****');
    expect(masked.isWellFormed()).toBe(true);
    // A JSON round trip through PostgreSQL's json parser needs well-formed text: '\ud842' alone is refused there.
    expect(JSON.stringify(maskName('𠮷'))).toBe('"𠮷"');
    expect(maskName('\ud842x').isWellFormed()).toBe(true);
  });
  it('knows Indonesian mobile numbers', () => {
    expect(PHONE_PATTERN.test('+6281234567890')).toBe(true);
    expect(PHONE_PATTERN.test('081234567890')).toBe(true);
    expect(PHONE_PATTERN.test('12345')).toBe(false);
    // A company's landline with its area code: Jakarta (021), Yogyakarta (0274), with or without +62.
    expect(PHONE_PATTERN.test('0215551234')).toBe(true);
    expect(PHONE_PATTERN.test('02745551234')).toBe(true);
    expect(PHONE_PATTERN.test('+62215551234')).toBe(true);
    // Too short to be a landline; 01 is no area code.
    expect(PHONE_PATTERN.test('021555')).toBe(false);
    expect(PHONE_PATTERN.test('0115551234')).toBe(false);
  });
});
