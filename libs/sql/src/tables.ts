import type { SqlDatabase } from './sql-database.js';

/**
 * The tables a module owns: idempotent DDL (CREATE ... IF NOT EXISTS, ALTER ...
 * IF NOT EXISTS) that a process runs at boot and `npm run migrate` runs for all
 * modules at once. Each lib exports its list next to the code that uses it.
 */
export interface ModuleTables {
  /** The module that owns them, for the error a failed statement gives. */
  readonly owner: string;
  readonly ddl: readonly string[];
}

/**
 * Creates or upgrades every listed module's tables, in order: the one way any
 * table comes to exist (no DDL in controllers, timers or request paths).
 */
export async function createTables(db: SqlDatabase, modules: readonly ModuleTables[]): Promise<void> {
  for (const m of modules)
    for (const ddl of m.ddl) {
      try {
        await db.exec(ddl);
      } catch (e) {
        throw new Error(`creating the tables of ${m.owner} failed: ${(e as Error).message}`, { cause: e });
      }
    }
}

/**
 * A database whose schema statements (`exec`: every CREATE/ALTER a module runs
 * at boot) do nothing: for a process under a role that may not change the
 * schema (DB_MIGRATE=false). Queries and transactions go through.
 */
export function withoutSchemaChanges(db: SqlDatabase): SqlDatabase {
  return {
    engine: db.engine,
    query: (sql, params) => db.query(sql, params),
    transaction: (fn) => db.transaction(fn),
    exec: async () => undefined,
    close: () => db.close(),
    ...(db.session ? { session: () => db.session!() } : {}),
  };
}
