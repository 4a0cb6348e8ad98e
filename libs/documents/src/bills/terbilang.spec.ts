import { terbilang } from './terbilang.js';

describe('terbilang: amounts in Indonesian words, as an SKRD writes them', () => {
  it.each([
    [0, 'nol'],
    [1, 'satu'],
    [11, 'sebelas'],
    [15, 'lima belas'],
    [100, 'seratus'],
    [1_000, 'seribu'],
    [1_700_000, 'satu juta tujuh ratus ribu'],
    [2_250_000, 'dua juta dua ratus lima puluh ribu'],
    [2_625_000, 'dua juta enam ratus dua puluh lima ribu'],
    [187_500_000, 'seratus delapan puluh tujuh juta lima ratus ribu'],
    [1_000_011_001, 'satu miliar sebelas ribu satu'],
  ])('%d is "%s"', (n, words) => expect(terbilang(n)).toBe(words));

  it('refuses what is not a whole amount', () => {
    expect(() => terbilang(1.5)).toThrow(RangeError);
    expect(() => terbilang(-1)).toThrow(RangeError);
  });
});
