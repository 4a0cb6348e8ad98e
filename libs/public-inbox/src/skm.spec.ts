import { ikm, minimumSample } from './skm.js';

describe('the IKM and its sample (Permenpan RB 14/2017)', () => {
  it("asks the Krejcie-Morgan table's sample of a population of applicants served", () => {
    // The table's own rows.
    expect([10, 50, 100, 500, 1000, 5000, 10000].map(minimumSample)).toEqual([10, 44, 80, 217, 278, 357, 370]);
    expect(minimumSample(1)).toBe(1);
    expect(minimumSample(0)).toBe(0);
  });

  it('computes the index from the nine elements and grades it', () => {
    const r = ikm('pbg', [Array(9).fill(4), [...Array(8).fill(4), 3]]);
    expect(r).toMatchObject({ service: 'pbg', respondents: 2, grade: 'A' });
    expect(r!.index).toBeCloseTo(98.61, 2);
  });
});
