import type { SqlDatabase } from '#berkas/sql';

export const LOGIN_ATTEMPTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS officer_login_failures (
  username text NOT NULL,
  client text NOT NULL,
  failures integer NOT NULL,
  window_started timestamptz NOT NULL,
  locked_until timestamptz,
  PRIMARY KEY (username, client)
);
CREATE TABLE IF NOT EXISTS officer_known_clients (
  username text NOT NULL,
  client text NOT NULL,
  last_success timestamptz NOT NULL,
  PRIMARY KEY (username, client)
);`;

export interface LoginPolicy {
  /** Wrong passwords from one client (address, IPv6 /64) for one account before that client is locked out of it. */
  clientFailures: number;
  /** Wrong passwords for one account from all clients in the window before unknown clients are refused for it. */
  accountFailures: number;
  windowSeconds: number;
  /** How long a client that logged in successfully counts as the officer's own (not refused by the account limit). */
  knownDays: number;
}

/**
 * Password guessing against officers' accounts, without letting an outsider
 * lock an officer out (D38). Only wrong passwords count, never a successful
 * login. A client (an address, an IPv6 /64) that guesses wrong
 * `clientFailures` times is locked out of that account for the window; other
 * clients are not. When an account collects `accountFailures` wrong passwords
 * from all clients in the window (a distributed guess), clients that have not
 * logged in to it successfully in the last `knownDays` are refused for it,
 * while the officer's own counter PCs still log in.
 */
export class LoginAttempts {
  constructor(
    private readonly db: SqlDatabase,
    private readonly policy: LoginPolicy,
  ) {}

  /** Seconds this client must wait before trying this account again, or 0. */
  async refusedFor(username: string, client: string): Promise<number> {
    const { rows } = await this.db.query<{ own: number | null; account: number; known: boolean; oldest: number | null }>(
      `SELECT (SELECT ceil(extract(epoch FROM locked_until - now()))::int FROM officer_login_failures
                WHERE username = $1 AND client = $2 AND locked_until > now()) AS own,
              (SELECT coalesce(sum(failures), 0)::int FROM officer_login_failures
                WHERE username = $1 AND window_started > now() - make_interval(secs => $3)) AS account,
              (SELECT ceil(extract(epoch FROM min(window_started) + make_interval(secs => $3) - now()))::int FROM officer_login_failures
                WHERE username = $1 AND window_started > now() - make_interval(secs => $3)) AS oldest,
              EXISTS (SELECT 1 FROM officer_known_clients
                WHERE username = $1 AND client = $2 AND last_success > now() - make_interval(days => $4)) AS known`,
      [username, client, this.policy.windowSeconds, this.policy.knownDays],
    );
    const r = rows[0];
    if ((r?.own ?? 0) > 0) return r.own!;
    if (r && r.account >= this.policy.accountFailures && !r.known) return Math.max(1, r.oldest ?? this.policy.windowSeconds);
    return 0;
  }

  /** A wrong password from this client: returns the seconds of the lockout it caused, or 0. */
  async failed(username: string, client: string): Promise<number> {
    const { rows } = await this.db.query<{ failures: number }>(
      `INSERT INTO officer_login_failures AS f (username, client, failures, window_started) VALUES ($1, $2, 1, now())
       ON CONFLICT (username, client) DO UPDATE SET
         failures = CASE WHEN f.window_started > now() - make_interval(secs => $3) THEN f.failures + 1 ELSE 1 END,
         window_started = CASE WHEN f.window_started > now() - make_interval(secs => $3) THEN f.window_started ELSE now() END
       RETURNING failures`,
      [username, client, this.policy.windowSeconds],
    );
    if ((rows[0]?.failures ?? 0) < this.policy.clientFailures) return 0;
    await this.db.query(
      `UPDATE officer_login_failures SET locked_until = now() + make_interval(secs => $3) WHERE username = $1 AND client = $2`,
      [username, client, this.policy.windowSeconds],
    );
    return this.policy.windowSeconds;
  }

  /** A successful login: this client's failures for the account are forgotten, and it is the officer's own from now on. */
  async succeeded(username: string, client: string): Promise<void> {
    await this.db.query('DELETE FROM officer_login_failures WHERE username = $1 AND client = $2', [username, client]);
    await this.db.query(
      `INSERT INTO officer_known_clients (username, client, last_success) VALUES ($1, $2, now())
       ON CONFLICT (username, client) DO UPDATE SET last_success = now()`,
      [username, client],
    );
  }

  /** An administrator set a new password: the wrong guesses before it no longer lock anyone out of this account. */
  async forget(username: string): Promise<void> {
    await this.db.query('DELETE FROM officer_login_failures WHERE username = $1', [username]);
  }
}
