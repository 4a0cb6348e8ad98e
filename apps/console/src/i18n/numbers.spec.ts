import { formatIdNumber, parseIdNumber } from './numbers.js';

describe('numbers as Indonesians write them', () => {
  it.each([
    ['1.250', 1250],
    ['0,5', 0.5],
    ['187.500.000', 187_500_000],
    ['Rp 2.250.000', 2_250_000],
    ['0,0125', 0.0125],
    ['120', 120],
    ['1.250,75', 1250.75],
  ])('reads %s as %d', (text, value) => {
    expect(parseIdNumber(text)).toEqual({ value });
  });

  it.each([
    ['1.25', 'numberUseComma'],
    ['1,250', 'numberAmbiguousComma'],
    ['1,250.5', 'numberEnglish'],
    ['187,500,000', 'numberEnglish'],
    ['05x', 'numberInvalid'],
    ['', 'numberEmpty'],
  ])('refuses %s, saying why (%s)', (text, problem) => {
    expect(parseIdNumber(text)).toEqual({ problem });
  });

  it('takes whole Rupiah only for money, and writes numbers back the id-ID way', () => {
    expect(parseIdNumber('2.250.000,50', 'rupiah')).toEqual({ problem: 'rupiahWhole' });
    expect(parseIdNumber('187.500.000', 'rupiah')).toEqual({ value: 187_500_000 });
    expect(formatIdNumber(1250)).toBe('1.250');
    expect(formatIdNumber(0.5)).toBe('0,5');
    expect(formatIdNumber(187_500_000)).toBe('187.500.000');
  });
});
