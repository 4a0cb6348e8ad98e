import type { EventStore } from '#berkas/event-store';
import type { SqlDatabase } from '#berkas/sql';
import type { Projection } from './projection.js';
import { Projector, type RebuildProgress } from './projector.js';

export interface ShadowRebuildOptions {
  /** The deployment's database, in its schema (DATABASE_SCHEMA). */
  main: SqlDatabase;
  /** That schema's name. */
  schema: string;
  /** Opens a second connection pool whose search path is `searchPath` (the shadow schema first, then the main one). */
  open: (searchPath: string) => Promise<SqlDatabase>;
  store: EventStore;
  /** The projections to rebuild (those with tables; the notice outbox is a record, not a view). */
  projections: Projection[];
  onProgress?: (p: RebuildProgress) => void;
  log?: (line: string) => void;
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Rebuilds read models without taking them away (D40). The projections write
 * fresh tables in a schema of their own (`<schema>_rebuild`, first on the
 * search path, so every statement of theirs lands there while the event log
 * is read from the main schema), catch up with what was committed meanwhile,
 * then, in one transaction that briefly locks the live tables, the live
 * tables are dropped and the new ones moved into the main schema with the
 * checkpoints and quarantine they reached. Queues, the console and public
 * lookups answer from the old tables all along, and from the new ones after;
 * a live projector keeps running and goes on from the new checkpoints (what
 * it wrote into the old tables meanwhile is applied again, idempotently).
 * PostgreSQL only; embedded PGlite rebuilds in place, offline (D15).
 */
export async function rebuildInShadow(o: ShadowRebuildOptions): Promise<number> {
  const shadow = `${o.schema}_rebuild`;
  const log = o.log ?? (() => undefined);
  await o.main.query(`DROP SCHEMA IF EXISTS ${ident(shadow)} CASCADE`);
  await o.main.query(`CREATE SCHEMA ${ident(shadow)}`);
  const db = await o.open(`${shadow},${o.schema}`);
  let applied: number;
  try {
    const projector = new Projector(o.store, db, o.projections);
    await projector.init();
    // The shadow's tables must be its own, not the live ones found further down the search path.
    const tables = o.projections.flatMap((p) => p.tables);
    const { rows } = await db.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name = ANY($2)',
      [shadow, tables],
    );
    if (rows.length !== tables.length)
      throw new Error(`the shadow schema lacks ${tables.filter((t) => !rows.some((r) => r.table_name === t)).join(', ')}`);
    applied = await projector.rebuild(o.onProgress);
    applied += await projector.catchUp();
    log(`rebuilt beside the live tables from ${applied} events; swapping them in`);
    const names = o.projections.map((p) => p.name);
    const main = ident(o.schema);
    const fresh = ident(shadow);
    await o.main.transaction(async (tx) => {
      // Readers wait a moment here, then read the new tables; the live projector waits on its checkpoint row.
      await tx.query(`LOCK TABLE ${tables.map((t) => `${main}.${ident(t)}`).join(', ')} IN ACCESS EXCLUSIVE MODE`);
      await tx.query(`SELECT name FROM ${main}.projection_checkpoints WHERE name = ANY($1) FOR UPDATE`, [names]);
      for (const t of tables) {
        await tx.query(`DROP TABLE ${main}.${ident(t)}`);
        await tx.query(`ALTER TABLE ${fresh}.${ident(t)} SET SCHEMA ${main}`);
      }
      await tx.query(`DELETE FROM ${main}.projection_checkpoints WHERE name = ANY($1)`, [names]);
      await tx.query(
        `INSERT INTO ${main}.projection_checkpoints (name, transaction_id, global_position, updated_at)
         SELECT name, transaction_id, global_position, now() FROM ${fresh}.projection_checkpoints WHERE name = ANY($1)`,
        [names],
      );
      await tx.query(`DELETE FROM ${main}.projection_quarantine WHERE projection = ANY($1)`, [names]);
      await tx.query(`INSERT INTO ${main}.projection_quarantine SELECT * FROM ${fresh}.projection_quarantine WHERE projection = ANY($1)`, [
        names,
      ]);
    });
  } finally {
    await db.close();
  }
  await o.main.query(`DROP SCHEMA IF EXISTS ${ident(shadow)} CASCADE`);
  return applied;
}
