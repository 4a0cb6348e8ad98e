import { LRUCache } from 'lru-cache';
import type { SqlDatabase } from '#berkas/event-store';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS tracking_pin_attempts (
  registration_number text PRIMARY KEY,
  failures integer NOT NULL,
  window_started timestamptz NOT NULL,
  lockouts integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_failure timestamptz NOT NULL
);`;

const DAY_SECONDS = 86_400;

export interface PinAttemptPolicy {
  /** Wrong PINs for one registration number within the window before it locks. */
  attempts: number;
  /** The window, and the first lockout; each further lockout doubles it, up to a day. */
  lockoutSeconds: number;
  /**
   * How long this process trusts what it last read or wrote for a number
   * (0: ask the database on every lookup). Only the check before a correct PIN
   * is answered uses it; every wrong PIN is counted in the database.
   */
  memoryMs?: number;
}

interface Known {
  /** Epoch ms until which the number is locked (0: not locked). */
  lockedUntil: number;
  failures: boolean;
}

/**
 * Wrong PINs per registration number, in the database so the limit holds
 * across tracking instances and restarts. After `attempts` failures in the
 * window the number is locked; each lockout doubles the next (capped at a
 * day), and the count of lockouts is forgotten after a day without failures.
 * Unknown numbers are counted the same way, so a lock says nothing about
 * whether a number exists. Only failures write; a correct PIN clears the row.
 *
 * So that a correct lookup costs no query, the process remembers for
 * `memoryMs` what it last saw of a number. Every failure goes to the database
 * (under a row lock) and is refused there while the number is locked, so a
 * process that has not yet seen another's lockout refuses the first wrong PIN
 * it is sent and learns of the lock from it; what it cannot refuse, for at
 * most `memoryMs`, is a correct PIN. One process alone (the all-in-one) always
 * knows, since every failure passes through it.
 */
export class PinAttempts {
  /** What this process last saw of each number, for `memoryMs` (undefined: no memory). */
  private readonly known: LRUCache<string, Known> | undefined;

  constructor(
    private readonly db: SqlDatabase,
    private readonly policy: PinAttemptPolicy,
    private readonly now: () => number = Date.now,
  ) {
    const memoryMs = policy.memoryMs ?? 0;
    if (memoryMs > 0) this.known = new LRUCache<string, Known>({ max: 50_000, ttl: memoryMs, perf: { now } });
  }

  async init(): Promise<void> {
    await this.db.exec(SCHEMA);
  }

  /** Seconds until the number may be tried again, or 0; and whether it has failures on record. */
  async status(registrationNumber: string): Promise<{ lockedFor: number; failures: boolean }> {
    const now = this.now();
    const known = this.known?.get(registrationNumber);
    if (known) return { lockedFor: secondsUntil(known.lockedUntil, now), failures: known.failures };
    const { rows } = await this.db.query<{ locked_for: number | null }>(
      `SELECT ceil(extract(epoch FROM locked_until - now()))::int AS locked_for FROM tracking_pin_attempts WHERE registration_number = $1`,
      [registrationNumber],
    );
    const lockedFor = Math.max(0, rows[0]?.locked_for ?? 0);
    this.remember(registrationNumber, lockedFor, !!rows[0]);
    return { lockedFor, failures: !!rows[0] };
  }

  /** Records a wrong PIN; returns the seconds of the lockout it caused, or 0. */
  async fail(registrationNumber: string): Promise<number> {
    const seconds = await this.recordFailure(registrationNumber);
    this.remember(registrationNumber, seconds, true);
    return seconds;
  }

  private async recordFailure(registrationNumber: string): Promise<number> {
    const { attempts, lockoutSeconds } = this.policy;
    return this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO tracking_pin_attempts (registration_number, failures, window_started, last_failure)
         VALUES ($1, 0, now(), now()) ON CONFLICT (registration_number) DO NOTHING`,
        [registrationNumber],
      );
      const { rows } = await tx.query<{
        failures: number;
        window_open: boolean;
        lockouts: number;
        fresh: boolean;
        locked_for: number | null;
      }>(
        `SELECT failures,
                ceil(extract(epoch FROM locked_until - now()))::int AS locked_for,
                window_started > now() - make_interval(secs => $2) AS window_open,
                lockouts,
                last_failure > now() - make_interval(secs => $3) AS fresh
           FROM tracking_pin_attempts WHERE registration_number = $1 FOR UPDATE`,
        [registrationNumber, lockoutSeconds, DAY_SECONDS],
      );
      const r = rows[0];
      // Already locked (this process had not heard yet): refused, and not counted towards the next lockout.
      if ((r.locked_for ?? 0) > 0) return r.locked_for!;
      const lockouts = r.fresh ? r.lockouts : 0;
      const failures = (r.window_open ? r.failures : 0) + 1;
      if (failures < attempts) {
        await tx.query(
          `UPDATE tracking_pin_attempts SET failures = $2, lockouts = $3, last_failure = now(),
                  window_started = CASE WHEN $4::boolean THEN window_started ELSE now() END
            WHERE registration_number = $1`,
          [registrationNumber, failures, lockouts, r.window_open],
        );
        return 0;
      }
      const seconds = Math.min(DAY_SECONDS, lockoutSeconds * 2 ** lockouts);
      await tx.query(
        `UPDATE tracking_pin_attempts SET failures = 0, window_started = now(), lockouts = $2, last_failure = now(),
                locked_until = now() + make_interval(secs => $3)
          WHERE registration_number = $1`,
        [registrationNumber, lockouts + 1, seconds],
      );
      return seconds;
    });
  }

  /** A correct PIN outside a lockout forgets the failures. */
  async clear(registrationNumber: string): Promise<void> {
    await this.db.query('DELETE FROM tracking_pin_attempts WHERE registration_number = $1', [registrationNumber]);
    this.remember(registrationNumber, 0, false);
  }

  private remember(registrationNumber: string, lockedFor: number, failures: boolean): void {
    this.known?.set(registrationNumber, { lockedUntil: lockedFor > 0 ? this.now() + lockedFor * 1000 : 0, failures });
  }
}

const secondsUntil = (epochMs: number, now: number): number => (epochMs > now ? Math.ceil((epochMs - now) / 1000) : 0);
