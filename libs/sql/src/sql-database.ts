import { execFile } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import lockfile from 'proper-lockfile';
import { assertTenantScoped } from './tenant-guard.js';

// Small buffers suit an embedded store; PostgreSQL's 128MB default would dominate the process.
const PGLITE_CONF = ['shared_buffers=16MB'];

/**
 * Creates a PGlite data directory in a short-lived child process: initdb's
 * memory peak (~600 MB of WASM heap that is never returned) then stays out of
 * the long-running server.
 */
async function initDataDirElsewhere(dataDir: string): Promise<void> {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return;
  const script = `const { PGlite } = await import(${JSON.stringify(import.meta.resolve('@electric-sql/pglite'))});
const db = new PGlite(${JSON.stringify(dataDir)}, { postgresqlconf: ${JSON.stringify(PGLITE_CONF)} });
await db.waitReady; await db.close();`;
  // Asynchronously, so the data directory lock keeps being refreshed meanwhile.
  await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script]);
}

/** Names, NIK, phone numbers and password hashes live here: owner only, whatever the umask. */
function ownerOnly(path: string): void {
  const stack = [path];
  while (stack.length) {
    const p = stack.pop()!;
    const st = lstatSync(p);
    if (st.isSymbolicLink()) continue;
    if (st.isDirectory()) {
      if ((st.mode & 0o777) !== 0o700) chmodSync(p, 0o700);
      for (const name of readdirSync(p)) stack.push(join(p, name));
    } else if ((st.mode & 0o777) !== 0o600) chmodSync(p, 0o600);
  }
}

/** Who holds a data directory, written beside its lock so a refused second process can name it. */
interface Holder {
  pid: number;
  host: string;
  since: string;
  command: string;
}

/** A second process opened a data directory that a running one holds. */
export class DataDirLockedError extends Error {
  constructor(dataDir: string, holder: Holder | undefined) {
    super(
      `The embedded database in ${dataDir} is in use by ${
        holder ? `process ${holder.pid} on ${holder.host} (${holder.command}, since ${holder.since})` : 'another process'
      }. Two processes on one embedded data directory would hand out the same numbers and lose acknowledged work: ` +
        'stop that process first, or give this one its own BERKAS_DATA_DIR (or a DATABASE_URL).',
    );
    this.name = 'DataDirLockedError';
  }
}

const LOCK_STALE_MS = 15_000;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * An exclusive lock on the embedded data directory for the life of the
 * process. A holder that died (kill -9) leaves a lock that goes stale within 15 s;
 * a live holder gets the second process refused at once, by name.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const holderFile = `${dataDir}.holder.json`;
  let warned = false;
  const lockOptions = { realpath: false, lockfilePath: `${dataDir}.lock`, stale: LOCK_STALE_MS, update: 3_000 };
  for (;;) {
    try {
      const release = await lockfile.lock(dataDir, {
        ...lockOptions,
        onCompromised: (e: Error) => console.error(`[Berkas] the lock on ${dataDir} was lost: ${e.message}`),
      });
      const holder: Holder = {
        pid: process.pid,
        host: hostname(),
        since: new Date().toISOString(),
        command: process.argv.slice(1).join(' '),
      };
      writeFileSync(holderFile, JSON.stringify(holder), { mode: 0o600 });
      return async () => {
        rmSync(holderFile, { force: true });
        await release();
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw e;
      let holder: Holder | undefined;
      try {
        holder = JSON.parse(readFileSync(holderFile, 'utf8')) as Holder;
      } catch {
        holder = undefined;
      }
      // A holder on this machine that is still running: refuse now. One that died: wait until its lock is stale.
      if (!holder || holder.host !== hostname() || alive(holder.pid)) throw new DataDirLockedError(dataDir, holder);
      if (!warned)
        console.warn(`[Berkas] ${dataDir} was held by process ${holder.pid}, which has ended; waiting for its lock to expire...`);
      warned = true;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

/**
 * One seam for SQL: the same statements run on a PostgreSQL server (through
 * `pg`) and on embedded PGlite. Everything that must change together runs in
 * `transaction`.
 */
export interface SqlDatabase extends Queryable {
  readonly engine: 'postgres' | 'pglite';
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Several statements separated by semicolons, no parameters (schema set-up). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
  /**
   * A connection of its own, outside the pool, for state that lives as long as
   * a session (advisory locks that elect a job's leader). PostgreSQL only:
   * embedded PGlite is one process by construction (D15).
   */
  session?(): Promise<DedicatedSession>;
  /**
   * Change signals between processes (PostgreSQL's LISTEN/NOTIFY, D57). `notify` sends `payload` (at most
   * 7,000 bytes) on `channel` to every process listening to it in this deployment (the same schema): delivered
   * when the sender's transaction commits, or at once outside one. PostgreSQL only: embedded PGlite is one
   * process, whose parts tell each other directly.
   */
  notify?(channel: string, payload?: string): Promise<void>;
  /**
   * Calls `onSignal` with each payload sent on `channel`, over a connection of its own. A lost connection is
   * opened again after a pause (250 ms doubling to 5 s); signals sent meanwhile are lost, so `onGap` is called
   * once the listener is back, and the caller treats it as "anything may have changed".
   */
  listen?(channel: string, onSignal: (payload: string) => void, onGap?: () => void): Listening;
}

/** A LISTEN held open by `SqlDatabase.listen`; `ready` resolves once the first LISTEN is in place. */
export interface Listening {
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/** A connection held apart from the pool; `ended` resolves when it closes or is lost (its session locks are then gone). */
export interface DedicatedSession extends Queryable {
  readonly ended: Promise<void>;
  close(): Promise<void>;
}

/**
 * The database cannot be reached, or did not answer in time: the request may
 * succeed later. HTTP 503 with Retry-After; nothing was committed by the
 * statement that failed (a commit that timed out is resolved by idempotent retry).
 */
export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`Database unavailable: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'DatabaseUnavailableError';
  }
}

// SQLSTATE classes and codes that mean "not now" rather than "wrong": connection
// exceptions (08), operator intervention (57: shutdown, cannot connect now, statement timeout),
// insufficient resources (53).
const UNAVAILABLE_SQLSTATE = /^(08|53|57)/;
const UNAVAILABLE_MESSAGE =
  /timeout|terminated|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|Connection ended|not queryable|Client has encountered a connection error/i;

export function isUnavailable(e: unknown): boolean {
  if (e instanceof DatabaseUnavailableError) return true;
  const err = e as { code?: unknown; message?: unknown };
  if (typeof err?.code === 'string' && UNAVAILABLE_SQLSTATE.test(err.code)) return true;
  if (typeof err?.code === 'string' && /^E[A-Z]+$/.test(err.code)) return true;
  return typeof err?.message === 'string' && UNAVAILABLE_MESSAGE.test(err.message) && !err.code;
}

const classify = (e: unknown): unknown =>
  isUnavailable(e) && !(e instanceof DatabaseUnavailableError) ? new DatabaseUnavailableError(e) : e;

/** How long a database call may take before the caller is told to come back later. */
export interface PgTimeouts {
  /** Establishing a connection (and waiting for a free one in the pool). */
  connectMs: number;
  /** Server side: PostgreSQL cancels a statement running longer. */
  statementMs: number;
  /** Client side: for a server that does not answer at all (frozen, partitioned). */
  queryMs: number;
  /** Server side: a transaction left idle (its client vanished) is ended. */
  idleInTransactionMs: number;
}

export const DEFAULT_PG_TIMEOUTS: PgTimeouts = { connectMs: 2000, statementMs: 4000, queryMs: 4500, idleInTransactionMs: 10000 };

export class PgDatabase implements SqlDatabase {
  readonly engine = 'postgres' as const;
  readonly pool: pg.Pool;
  /** Channels are per database, and deployments (or test runs) may share one in schemas of their own. */
  private readonly channelSuffix: string;

  constructor(connectionString: string, options: { schema?: string; max?: number; timeouts?: Partial<PgTimeouts> } = {}) {
    const t = { ...DEFAULT_PG_TIMEOUTS, ...options.timeouts };
    this.channelSuffix = options.schema ? `.${options.schema}` : '';
    this.pool = new pg.Pool({
      connectionString,
      max: options.max ?? 10,
      // A schema per deployment (or per test run) keeps tables apart in one database.
      options: options.schema ? `-c search_path=${options.schema}` : undefined,
      connectionTimeoutMillis: t.connectMs,
      statement_timeout: t.statementMs,
      query_timeout: t.queryMs,
      idle_in_transaction_session_timeout: t.idleInTransactionMs,
      keepAlive: true,
    });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    this.pool.on('error', () => undefined);
  }

  async query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }> {
    assertTenantScoped(sql);
    return this.run<T>(sql, params);
  }

  private async run<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }> {
    try {
      const r = await this.pool.query(sql, params as unknown[]);
      return { rows: r.rows as T[] };
    } catch (e) {
      throw classify(e);
    }
  }

  async exec(sql: string): Promise<void> {
    await this.run(sql);
  }

  async session(): Promise<DedicatedSession> {
    const client = new pg.Client({ ...this.pool.options });
    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    client.on('error', () => end());
    client.on('end', () => end());
    try {
      await client.connect();
    } catch (e) {
      end();
      throw classify(e);
    }
    return {
      ended,
      query: async <R>(sql: string, params?: unknown[]) => {
        assertTenantScoped(sql);
        try {
          return { rows: (await client.query(sql, params as unknown[])).rows as R[] };
        } catch (e) {
          throw classify(e);
        }
      },
      close: async () => {
        await client.end().catch(() => undefined);
        end();
      },
    };
  }

  async notify(channel: string, payload = ''): Promise<void> {
    await this.run('SELECT pg_notify($1, $2)', [channel + this.channelSuffix, payload]);
  }

  listen(channel: string, onSignal: (payload: string) => void, onGap?: () => void): Listening {
    const name = channel + this.channelSuffix;
    let closed = false;
    let pause = 250;
    let timer: NodeJS.Timeout | undefined;
    let client: pg.Client | undefined;
    let first: (() => void) | undefined;
    const ready = new Promise<void>((resolve) => (first = resolve));
    const open = async (): Promise<void> => {
      if (closed) return;
      const current = new pg.Client({ ...this.pool.options, query_timeout: undefined, statement_timeout: undefined });
      client = current;
      let lost = false;
      const again = () => {
        if (lost || closed) return;
        lost = true;
        current.end().catch(() => undefined);
        timer = setTimeout(() => void open(), pause);
        timer.unref?.();
        pause = Math.min(5000, pause * 2);
      };
      current.on('error', again);
      current.on('end', again);
      current.on('notification', (n) => n.channel === name && onSignal(n.payload ?? ''));
      try {
        await current.connect();
        await current.query(`LISTEN ${current.escapeIdentifier(name)}`);
      } catch {
        return again();
      }
      if (first) {
        first();
        first = undefined;
      } else onGap?.();
      pause = 250;
    };
    void open();
    return {
      ready,
      close: async () => {
        closed = true;
        if (timer) clearTimeout(timer);
        first?.();
        await client?.end().catch(() => undefined);
      },
    };
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (e) {
      throw classify(e);
    }
    let broken: unknown;
    // A checked-out client whose connection drops emits 'error' (the pool only listens while it is idle):
    // without a listener that would end the process. The transaction fails instead, and the client is discarded.
    const onError = (e: unknown) => (broken ??= e);
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await fn({
        query: async <R>(sql: string, params?: unknown[]) => {
          assertTenantScoped(sql);
          return { rows: (await client.query(sql, params as unknown[])).rows as R[] };
        },
      });
      await client.query('COMMIT');
      return result;
    } catch (e) {
      if (isUnavailable(e)) broken = e;
      else await client.query('ROLLBACK').catch((err: unknown) => (broken = err));
      throw classify(e);
    } finally {
      client.off('error', onError);
      // A connection that failed mid-transaction is thrown away, never handed to the next request.
      client.release(broken instanceof Error ? broken : broken === undefined ? undefined : true);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Embedded PostgreSQL (WASM) in a data directory, or in memory when none is given. */
export class PgliteDatabase implements SqlDatabase {
  readonly engine = 'pglite' as const;

  private constructor(
    readonly db: PGlite,
    private readonly unlock: () => Promise<void> = async () => undefined,
    private readonly harden: () => void = () => undefined,
  ) {}

  /** In `dataDir` (locked for this process, owner-only permissions), or in memory when none is given. */
  static async open(dataDir?: string): Promise<PgliteDatabase> {
    if (!dataDir) {
      const db = new PGlite({ postgresqlconf: PGLITE_CONF });
      await db.waitReady;
      return new PgliteDatabase(db);
    }
    // Files this process creates from now on (the database's included) are the owner's alone.
    process.umask(0o077);
    mkdirSync(dirname(dataDir), { recursive: true, mode: 0o700 });
    // The folder around it holds the local secrets too: owner only (not recursively: it may be any folder).
    chmodSync(dirname(dataDir), 0o700);
    const unlock = await lockDataDir(dataDir);
    try {
      await initDataDirElsewhere(dataDir);
      ownerOnly(dataDir);
      const db = new PGlite(dataDir, { postgresqlconf: PGLITE_CONF });
      await db.waitReady;
      await db.query('SELECT 1');
      // The WASM file system writes some files (relation caches) 0644 whatever the umask: take them back.
      // The folder itself is 0700, so nothing written in between is reachable by other users.
      ownerOnly(dataDir);
      return new PgliteDatabase(db, unlock, () => ownerOnly(dataDir));
    } catch (e) {
      await unlock();
      throw e;
    }
  }

  async query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }> {
    assertTenantScoped(sql);
    const r = await this.db.query<T>(sql, params);
    return { rows: r.rows };
  }

  async exec(sql: string): Promise<void> {
    await this.db.exec(sql);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) =>
      fn({
        query: async <R>(sql: string, params?: unknown[]) => {
          assertTenantScoped(sql);
          return { rows: (await tx.query<R>(sql, params)).rows };
        },
      }),
    );
  }

  async close(): Promise<void> {
    await this.db.close();
    this.harden();
    await this.unlock();
  }
}

/** PostgreSQL's unique_violation. */
export const isUniqueViolation = (e: unknown, constraint?: string): boolean => {
  const err = e as { code?: string; constraint?: string };
  return err?.code === '23505' && (!constraint || err.constraint === constraint);
};
