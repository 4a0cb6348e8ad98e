import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

// Small buffers suit an embedded store; PostgreSQL's 128MB default would dominate the process.
const PGLITE_CONF = ['shared_buffers=16MB'];

/**
 * Creates a PGlite data directory in a short-lived child process: initdb's
 * memory peak (~600 MB of WASM heap that is never returned) then stays out of
 * the long-running server.
 */
function initDataDirElsewhere(dataDir: string): void {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return;
  const script = `const { PGlite } = await import(${JSON.stringify(import.meta.resolve('@electric-sql/pglite'))});
const db = new PGlite(${JSON.stringify(dataDir)}, { postgresqlconf: ${JSON.stringify(PGLITE_CONF)} });
await db.waitReady; await db.close();`;
  execFileSync(process.execPath, ['--input-type=module', '-e', script], { stdio: 'inherit' });
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
}

export class PgDatabase implements SqlDatabase {
  readonly engine = 'postgres' as const;
  readonly pool: pg.Pool;

  constructor(connectionString: string, options: { schema?: string; max?: number } = {}) {
    this.pool = new pg.Pool({
      connectionString,
      max: options.max ?? 10,
      // A schema per deployment (or per test run) keeps tables apart in one database.
      options: options.schema ? `-c search_path=${options.schema}` : undefined,
    });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    this.pool.on('error', () => undefined);
  }

  async query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }> {
    const r = await this.pool.query(sql, params as unknown[]);
    return { rows: r.rows as T[] };
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn({
        query: async <R>(sql: string, params?: unknown[]) => ({ rows: (await client.query(sql, params as unknown[])).rows as R[] }),
      });
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Embedded PostgreSQL (WASM) in a data directory, or in memory when none is given. */
export class PgliteDatabase implements SqlDatabase {
  readonly engine = 'pglite' as const;

  private constructor(readonly db: PGlite) {}

  static async open(dataDir?: string): Promise<PgliteDatabase> {
    if (dataDir) initDataDirElsewhere(dataDir);
    const db = dataDir ? new PGlite(dataDir, { postgresqlconf: PGLITE_CONF }) : new PGlite({ postgresqlconf: PGLITE_CONF });
    await db.waitReady;
    return new PgliteDatabase(db);
  }

  async query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }> {
    const r = await this.db.query<T>(sql, params);
    return { rows: r.rows };
  }

  async exec(sql: string): Promise<void> {
    await this.db.exec(sql);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) =>
      fn({ query: async <R>(sql: string, params?: unknown[]) => ({ rows: (await tx.query<R>(sql, params)).rows }) }),
    );
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}

/** PostgreSQL's unique_violation. */
export const isUniqueViolation = (e: unknown, constraint?: string): boolean => {
  const err = e as { code?: string; constraint?: string };
  return err?.code === '23505' && (!constraint || err.constraint === constraint);
};
