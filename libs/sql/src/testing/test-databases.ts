import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PgDatabase, PgliteDatabase, type SqlDatabase } from '../sql-database.js';

export const TEST_DATABASE_URL = process.env.BERKAS_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let probed: Promise<boolean> | undefined;

/**
 * Whether the PostgreSQL test server answers. Locally a missing server skips
 * its suites, loudly; with CI=true it is an error, so nothing is skipped there.
 */
export function postgresAvailable(): Promise<boolean> {
  probed ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch (e) {
      if (process.env.CI === 'true')
        throw new Error(`CI=true but PostgreSQL at ${TEST_DATABASE_URL} is unreachable: ${(e as Error).message}`, { cause: e });
      console.warn(`\n*** SKIPPING PostgreSQL suites: ${TEST_DATABASE_URL} unreachable (${(e as Error).message}) ***\n`);
      return false;
    }
  })();
  return probed;
}

/** A fresh schema on the test server, dropped by `drop()`. */
export async function freshPostgres(max = 12): Promise<{ db: PgDatabase; schema: string; drop: () => Promise<void> }> {
  const schema = `berkas_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const db = new PgDatabase(TEST_DATABASE_URL, { schema, max });
  return {
    db,
    schema,
    drop: async () => {
      await db.close();
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

export async function freshPglite(): Promise<{ db: SqlDatabase; drop: () => Promise<void> }> {
  const db = await PgliteDatabase.open();
  return { db, drop: () => db.close() };
}

export type DatabaseFactory = () => Promise<{ db: SqlDatabase; drop: () => Promise<void> }>;

/** The engines every SQL suite runs on: PGlite always, PostgreSQL when it answers (always in CI). */
export async function sqlEngines(): Promise<[string, DatabaseFactory][]> {
  const engines: [string, DatabaseFactory][] = [['PGlite', freshPglite]];
  if (await postgresAvailable()) engines.push(['PostgreSQL', () => freshPostgres()]);
  return engines;
}

const ALL_ENGINES = ['PGlite', 'PostgreSQL'];

/**
 * `describe.each` over the engines that answer, plus a skipped `describe` for
 * each that does not, so Jest's summary counts the tests it could not run
 * ("skipped") instead of losing them. With CI=true nothing is skipped: an
 * unreachable server fails the run (see postgresAvailable).
 */
export function describeEngines<F>(engines: [string, F][]): (title: string, body: (name: string, factory: F) => void) => void {
  return (title, body) => {
    describe.each(engines)(title, body);
    for (const name of ALL_ENGINES.filter((n) => !engines.some(([e]) => e === n)))
      describe.skip(title.replace('%s', `${name} (unreachable: skipped)`), () => body(name, undefined as F));
  };
}
