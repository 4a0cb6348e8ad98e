import { LRUCache } from 'lru-cache';
import type { SqlDatabase } from '#berkas/sql';

// One row per registration number and client (an address, an IPv6 /64), and one per number for all clients
// (client '*'). The table of the first design (per number only, D21) held no client and is replaced.
export const TRACKING_PIN_SCHEMA = `
DROP TABLE IF EXISTS tracking_pin_attempts;
CREATE TABLE IF NOT EXISTS tracking_pin_failures (
  registration_number text NOT NULL,
  client text NOT NULL,
  failures integer NOT NULL,
  window_started timestamptz NOT NULL,
  lockouts integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_failure timestamptz NOT NULL,
  PRIMARY KEY (registration_number, client)
);`;

const DAY_SECONDS = 86_400;
const ALL = '*';

export interface PinAttemptPolicy {
  /** Wrong PINs for one registration number from one client within the window before that client is locked out of it. */
  attempts: number;
  /** The window, and a client's first lockout; each further lockout of that client doubles it, up to a day. */
  lockoutSeconds: number;
  /**
   * Wrong PINs for one number from all clients together in one minute before
   * the number is refused to everyone for the rest of that minute (at most 60
   * s): what bounds guessing from many addresses (D39).
   */
  numberFailuresPerMinute: number;
  /**
   * How long this process trusts what it last read or wrote for a number
   * (0: ask the database on every lookup). Only the check before a correct PIN
   * is answered uses it; every wrong PIN is counted in the database.
   */
  memoryMs?: number;
}

interface Known {
  /** Epoch ms until which the number is refused to this client (0: not refused). */
  lockedUntil: number;
  failures: boolean;
}

/**
 * Wrong PINs, in the database so the limits hold across tracking instances
 * and restarts (D39). Someone who knows only a registration number must not be
 * able to keep its applicant out, and guessing a PIN must stay infeasible:
 *
 * - per number and client: after `attempts` wrong PINs in the window that
 *   client alone is locked out of that number, the lockout doubling up to a
 *   day; the applicant on another line is not touched;
 * - per number, all clients: after `numberFailuresPerMinute` wrong PINs in a
 *   minute the number is refused to everyone until the minute ends, which
 *   caps guessing from many addresses and keeps anyone out for under a minute.
 *
 * Unknown numbers are counted the same way, so a lock says nothing about
 * whether a number exists. Only failures write; a correct PIN clears that
 * client's row. A process remembers for `memoryMs` what it last saw, so that a
 * correct lookup costs no query.
 */
export class PinAttempts {
  private readonly known: LRUCache<string, Known> | undefined;

  constructor(
    private readonly db: SqlDatabase,
    private readonly policy: PinAttemptPolicy,
    private readonly now: () => number = Date.now,
  ) {
    const memoryMs = policy.memoryMs ?? 0;
    if (memoryMs > 0) this.known = new LRUCache<string, Known>({ max: 50_000, ttl: memoryMs, perf: { now } });
  }

  /** Seconds until this client may try the number again, or 0; and whether this client has failures on record for it. */
  async status(registrationNumber: string, client: string): Promise<{ lockedFor: number; failures: boolean }> {
    const now = this.now();
    const key = `${registrationNumber}\n${client}`;
    const known = this.known?.get(key);
    if (known) return { lockedFor: secondsUntil(known.lockedUntil, now), failures: known.failures };
    const { rows } = await this.db.query<{ client: string; locked_for: number | null }>(
      `SELECT client, ceil(extract(epoch FROM locked_until - now()))::int AS locked_for
         FROM tracking_pin_failures WHERE registration_number = $1 AND client IN ($2, '${ALL}')`,
      [registrationNumber, client],
    );
    const lockedFor = Math.max(0, ...rows.map((r) => r.locked_for ?? 0));
    const failures = rows.some((r) => r.client === client);
    this.remember(key, lockedFor, failures);
    return { lockedFor, failures };
  }

  /** Records a wrong PIN from this client; returns the seconds it is now refused for the number, or 0. */
  async fail(registrationNumber: string, client: string): Promise<number> {
    const seconds = await this.db.transaction(async (tx) => {
      const { attempts, lockoutSeconds, numberFailuresPerMinute } = this.policy;
      for (const who of [client, ALL])
        await tx.query(
          `INSERT INTO tracking_pin_failures (registration_number, client, failures, window_started, last_failure)
           VALUES ($1, $2, 0, now(), now()) ON CONFLICT (registration_number, client) DO NOTHING`,
          [registrationNumber, who],
        );
      const { rows } = await tx.query<{
        client: string;
        failures: number;
        started_ago: number;
        lockouts: number;
        fresh: boolean;
        locked_for: number | null;
      }>(
        `SELECT client, failures, extract(epoch FROM now() - window_started)::float8 AS started_ago, lockouts,
                ceil(extract(epoch FROM locked_until - now()))::int AS locked_for,
                last_failure > now() - make_interval(secs => $3) AS fresh
           FROM tracking_pin_failures WHERE registration_number = $1 AND client IN ($2, '${ALL}') ORDER BY client FOR UPDATE`,
        [registrationNumber, client, DAY_SECONDS],
      );
      const own = rows.find((r) => r.client === client)!;
      const all = rows.find((r) => r.client === ALL)!;
      // Already refused (this process had not heard yet): not counted towards the next lockout.
      const already = Math.max(own.locked_for ?? 0, all.locked_for ?? 0);
      if (already > 0) return already;
      // The whole number, this minute.
      const minuteOpen = all.started_ago < 60;
      const numberFailures = (minuteOpen ? all.failures : 0) + 1;
      const numberLocked = numberFailures >= numberFailuresPerMinute;
      const numberLockFor = numberLocked ? Math.max(1, Math.ceil(60 - (minuteOpen ? all.started_ago : 0))) : 0;
      await tx.query(
        `UPDATE tracking_pin_failures SET failures = $2, last_failure = now(),
                window_started = CASE WHEN $3::boolean THEN window_started ELSE now() END,
                locked_until = CASE WHEN $4::int > 0 THEN now() + make_interval(secs => $4) ELSE locked_until END
          WHERE registration_number = $1 AND client = '${ALL}'`,
        [registrationNumber, numberLocked ? 0 : numberFailures, minuteOpen && !numberLocked, numberLockFor],
      );
      // This client, this window.
      const windowOpen = own.started_ago < lockoutSeconds;
      const lockouts = own.fresh ? own.lockouts : 0;
      const failures = (windowOpen ? own.failures : 0) + 1;
      if (failures < attempts) {
        await tx.query(
          `UPDATE tracking_pin_failures SET failures = $3, lockouts = $4, last_failure = now(),
                  window_started = CASE WHEN $5::boolean THEN window_started ELSE now() END
            WHERE registration_number = $1 AND client = $2`,
          [registrationNumber, client, failures, lockouts, windowOpen],
        );
        return numberLockFor;
      }
      const clientLockFor = Math.min(DAY_SECONDS, lockoutSeconds * 2 ** lockouts);
      await tx.query(
        `UPDATE tracking_pin_failures SET failures = 0, window_started = now(), lockouts = $3, last_failure = now(),
                locked_until = now() + make_interval(secs => $4)
          WHERE registration_number = $1 AND client = $2`,
        [registrationNumber, client, lockouts + 1, clientLockFor],
      );
      return Math.max(clientLockFor, numberLockFor);
    });
    this.remember(`${registrationNumber}\n${client}`, seconds, true);
    return seconds;
  }

  /**
   * Wrong PINs this client may still send for the number before it is locked
   * out (read after a failure, to warn before the last try), and how long that
   * lockout would be.
   */
  async triesLeft(registrationNumber: string, client: string): Promise<{ left: number; lockoutSeconds: number }> {
    const { rows } = await this.db.query<{ failures: number; started_ago: number; lockouts: number }>(
      `SELECT failures, extract(epoch FROM now() - window_started)::float8 AS started_ago, lockouts
         FROM tracking_pin_failures WHERE registration_number = $1 AND client = $2`,
      [registrationNumber, client],
    );
    const { attempts, lockoutSeconds } = this.policy;
    const r = rows[0];
    const failures = r && r.started_ago < lockoutSeconds ? r.failures : 0;
    return { left: Math.max(0, attempts - failures), lockoutSeconds: Math.min(DAY_SECONDS, lockoutSeconds * 2 ** (r?.lockouts ?? 0)) };
  }

  /** A correct PIN outside a lockout forgets this client's failures for the number. */
  async clear(registrationNumber: string, client: string): Promise<void> {
    await this.db.query('DELETE FROM tracking_pin_failures WHERE registration_number = $1 AND client = $2', [registrationNumber, client]);
    this.remember(`${registrationNumber}\n${client}`, 0, false);
  }

  private remember(key: string, lockedFor: number, failures: boolean): void {
    this.known?.set(key, { lockedUntil: lockedFor > 0 ? this.now() + lockedFor * 1000 : 0, failures });
  }
}

const secondsUntil = (epochMs: number, now: number): number => (epochMs > now ? Math.ceil((epochMs - now) / 1000) : 0);
