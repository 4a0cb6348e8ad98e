import { ikm } from './skm.js';

describe('the SKM index (Permenpan RB 14/2017)', () => {
  const all = (score: number) => Array.from({ length: 9 }, () => score);

  it('averages each element over the respondents, weights them 1/9, and converts to 25-100', () => {
    expect(ikm('pbg', [all(4)])).toMatchObject({ respondents: 1, index: 100, grade: 'A' });
    expect(ikm('pbg', [all(1)])).toMatchObject({ index: 25, grade: 'D' });
    // Two respondents, 3 and 4 on everything: every NRR is 3.5, the index 87.5, grade B.
    expect(ikm('pbg', [all(3), all(4)])).toMatchObject({ elements: all(3.5), index: 87.5, grade: 'B' });
    // One element lower than the rest: (8 x 4 + 2) / 9 x 25 = 94.44.
    const r = ikm('pbg', [[4, 4, 4, 4, 4, 4, 4, 4, 2]])!;
    expect(r.elements[8]).toBe(2);
    expect(r.index).toBeCloseTo(94.44, 2);
    expect(r.grade).toBe('A');
  });

  it("grades by the regulation's bands: A from 88.31, B from 76.61, C from 65.00", () => {
    // 3 on everything: 75.00, in C; 2.6 average (65.00) is the edge of C.
    expect(ikm('pbg', [all(3)])!.grade).toBe('C');
    expect(ikm('pbg', [all(3), all(3), all(3), all(2), all(2)])).toMatchObject({ index: 65, grade: 'C' });
    expect(ikm('pbg', [all(2)])).toMatchObject({ index: 50, grade: 'D' });
    expect(ikm('pbg', [])).toBeUndefined();
  });
});
