// Types only: @nestjs/throttler (CommonJS) is not loaded by this file, so it can be unit-tested under Jest's ESM.
import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Window {
  ttl: number;
  /** Start of the current fixed window (ms). */
  start: number;
  current: number;
  previous: number;
  blockedUntil: number;
}

/**
 * The rate-limit counters, in constant time and memory per client: a
 * sliding-window estimate (the previous fixed window's count weighted by how
 * much of it the sliding window still covers, plus the current count).
 * Throttler's own in-memory storage keeps one timestamp per request and
 * filters them on every request, so a busy address (a lobby's shared Wi-Fi,
 * a load test) cost CPU in proportion to its traffic. Over the limit, a key
 * is blocked for the block duration (by default the window), like the
 * original. Idle keys are swept once a minute.
 */
export class SlidingWindowStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly now: () => number = Date.now,
    sweepMs = 60_000,
  ) {
    setInterval(() => this.sweep(), sweepMs).unref();
  }

  /** Keys held (tests). */
  get size(): number {
    return this.windows.size;
  }

  increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const now = this.now();
    const id = `${throttlerName}:${key}`;
    let w = this.windows.get(id);
    if (!w) this.windows.set(id, (w = { ttl, start: now, current: 0, previous: 0, blockedUntil: 0 }));
    // A block served in full starts the client afresh (as Throttler's own storage does).
    if (w.blockedUntil && w.blockedUntil <= now) Object.assign(w, { start: now, current: 0, previous: 0, blockedUntil: 0 });
    const passed = Math.floor((now - w.start) / ttl);
    if (passed >= 1) {
      w.previous = passed === 1 ? w.current : 0;
      w.current = 0;
      w.start += passed * ttl;
    }
    const timeToExpire = Math.max(1, Math.ceil((w.start + ttl - now) / 1000));
    const blocked = (totalHits: number) => ({
      totalHits,
      timeToExpire,
      isBlocked: true,
      timeToBlockExpire: Math.max(1, Math.ceil((w.blockedUntil - now) / 1000)),
    });
    if (w.blockedUntil > now) return Promise.resolve(blocked(limit + 1));
    w.current += 1;
    const totalHits = Math.ceil(w.previous * (1 - (now - w.start) / ttl) + w.current);
    if (totalHits > limit) {
      w.blockedUntil = now + (blockDuration > 0 ? blockDuration : ttl);
      return Promise.resolve(blocked(totalHits));
    }
    return Promise.resolve({ totalHits, timeToExpire, isBlocked: false, timeToBlockExpire: 0 });
  }

  /** Forgets keys that are not blocked and saw nothing in the last two windows. */
  sweep(): void {
    const now = this.now();
    for (const [id, w] of this.windows) if (w.blockedUntil <= now && now - w.start >= 2 * w.ttl) this.windows.delete(id);
  }
}
