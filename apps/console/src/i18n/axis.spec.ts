import { niceTicks } from './axis.js';

describe("a chart's value axis", () => {
  it('runs from 0 past the largest value in round steps, whole numbers for counts', () => {
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(10)).toEqual([0, 5, 10]);
    expect(niceTicks(1)).toEqual([0, 1]);
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(230)).toEqual([0, 100, 200, 300]);
    expect(niceTicks(10, false)).toEqual([0, 2.5, 5, 7.5, 10]);
  });
});
