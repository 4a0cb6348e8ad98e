import { trendBuckets, trendUnit } from './dashboard.js';

describe("the dashboard trend's points", () => {
  it('uses days for a month, weeks up to half a year, months beyond', () => {
    expect(trendUnit('2026-11-05', '2026-12-04')).toBe('day');
    expect(trendUnit('2026-11-01', '2026-12-04')).toBe('week');
    expect(trendUnit('2026-01-01', '2026-12-04')).toBe('month');
  });

  it('starts each point where PostgreSQL date_trunc does: weeks on Monday, months on the first', () => {
    // 2026-11-04 is a Wednesday; its week began on Monday 2 November.
    expect(trendBuckets('2026-11-04', '2026-11-20', 'week')).toEqual(['2026-11-02', '2026-11-09', '2026-11-16']);
    // A Sunday belongs to the week that began six days before.
    expect(trendBuckets('2026-11-08', '2026-11-08', 'week')).toEqual(['2026-11-02']);
    expect(trendBuckets('2026-10-15', '2027-01-02', 'month')).toEqual(['2026-10-01', '2026-11-01', '2026-12-01', '2027-01-01']);
    expect(trendBuckets('2026-02-27', '2026-03-01', 'day')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });
});
