import { SlidingWindowStorage } from './rate-limit-storage.js';

describe('rate-limit counters (sliding window)', () => {
  const MINUTE = 60_000;

  it('lets the limit through, blocks the next request for the block duration, then lets traffic through again', async () => {
    let now = 1_000_000;
    const storage = new SlidingWindowStorage(() => now);
    for (let i = 1; i <= 5; i++) {
      const r = await storage.increment('addr-1', MINUTE, 5, MINUTE, 'tracking');
      expect(r).toMatchObject({ totalHits: i, isBlocked: false });
    }
    const over = await storage.increment('addr-1', MINUTE, 5, MINUTE, 'tracking');
    expect(over.isBlocked).toBe(true);
    expect(over.timeToBlockExpire).toBe(60);
    // Another address, and another named limit for the same address, have their own counts.
    expect((await storage.increment('addr-2', MINUTE, 5, MINUTE, 'tracking')).isBlocked).toBe(false);
    expect((await storage.increment('addr-1', MINUTE, 5, MINUTE, 'login')).isBlocked).toBe(false);
    now += 30_000;
    const still = await storage.increment('addr-1', MINUTE, 5, MINUTE, 'tracking');
    expect(still).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });
    now += 30_001;
    // The block is served: the address starts afresh.
    const after = await storage.increment('addr-1', MINUTE, 5, MINUTE, 'tracking');
    expect(after).toMatchObject({ isBlocked: false, totalHits: 1 });
  });

  it('counts the previous window in proportion to its overlap, so a burst at a window edge cannot double the limit', async () => {
    let now = 0;
    const storage = new SlidingWindowStorage(() => now);
    now = 59_000;
    for (let i = 0; i < 10; i++) expect((await storage.increment('a', MINUTE, 10, MINUTE, 't')).isBlocked).toBe(false);
    // One second later a fixed window would allow 10 more; the sliding estimate still counts most of the first 10.
    now = 61_000;
    const r = await storage.increment('a', MINUTE, 10, MINUTE, 't');
    expect(r.isBlocked).toBe(true);
  });

  it('holds one entry per client however many requests it sends, and forgets idle clients', async () => {
    let now = 0;
    const storage = new SlidingWindowStorage(() => now);
    for (let i = 0; i < 50_000; i++) await storage.increment('lobby', MINUTE, 1_000_000, MINUTE, 'tracking');
    expect(storage.size).toBe(1);
    await storage.increment('phone', MINUTE, 10, MINUTE, 'tracking');
    expect(storage.size).toBe(2);
    now += 2 * MINUTE;
    await storage.increment('phone', MINUTE, 10, MINUTE, 'tracking');
    storage.sweep();
    expect(storage.size).toBe(1);
  });
});
