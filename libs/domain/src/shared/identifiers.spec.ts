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
