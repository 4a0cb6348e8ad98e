import { tenantLog, type EventStore } from '#berkas/event-store';
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
  return inShadow(o, `${o.schema}_rebuild`, o.store, async (shadow) => {
    const names = o.projections.map((p) => p.name);
    const tables = o.projections.flatMap((p) => p.tables);
    const main = ident(o.schema);
    const fresh = ident(shadow);
    await o.main.transaction(async (tx) => {
      // The checkpoint rows first, in the live projector's order (it locks them, then writes the tables): the other
      // order deadlocked against a projector between the two. It now waits on its checkpoint row; readers wait a
      // moment on the tables, then read the new ones.
      await tx.query(`SELECT name FROM ${main}.projection_checkpoints WHERE name = ANY($1) ORDER BY name FOR UPDATE`, [names]);
      await tx.query(`LOCK TABLE ${tables.map((t) => `${main}.${ident(t)}`).join(', ')} IN ACCESS EXCLUSIVE MODE`);
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
    return 0;
  });
}

export interface TenantRebuildOptions extends ShadowRebuildOptions {
  /** The MPP whose rows are rebuilt. */
  tenant: string;
  /** Whether it is the home MPP, which also owns the events written before tenants. */
  home: boolean;
}

/**
 * Rebuilds one MPP's rows of the read models (issue 23), leaving every other
 * MPP's rows alone. Its part of the log alone (`tenantLog`: by an index on
 * PostgreSQL) is projected into fresh tables in a schema of its own, as a
 * full rebuild does (D40). Then one transaction locks the live tables against
 * writers only (EXCLUSIVE: every reader goes on, the live projectors wait),
 * brings the fresh tables up to what was committed until then, and replaces
 * the MPP's rows (`DELETE ... WHERE tenant_id`, then its fresh rows) and its
 * dossiers' quarantine entries. The live checkpoints do not move: the live
 * projectors then apply again what came after them, idempotently. Readers of
 * the MPP see its old rows until the commit, its new rows after.
 */
export async function rebuildTenantInShadow(o: TenantRebuildOptions): Promise<number> {
  const streams = new Set<string>();
  const part = tenantLog(o.store, o.tenant, o.home);
  // The streams met are the MPP's dossiers: their quarantine entries are replaced, whatever the store.
  const noting: EventStore = {
    ...part,
    readAll: async (after, limit) => {
      const events = await part.readAll(after, limit);
      for (const e of events) streams.add(e.streamId);
      return events;
    },
  };
  const name = `${o.schema}_rebuild_${o.tenant.replace(/[^a-z0-9]/g, '_')}`;
  if (Buffer.byteLength(name) > 63) throw new Error(`the rebuild schema's name ${name} is longer than PostgreSQL's 63 bytes`);
  return inShadow(o, name, noting, async (shadow, projector) => {
    const names = o.projections.map((p) => p.name);
    const tables = o.projections.flatMap((p) => p.tables);
    const main = ident(o.schema);
    const fresh = ident(shadow);
    const { rows: columns } = await o.main.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = $1 AND table_name = ANY($2) AND is_generated = 'NEVER' ORDER BY table_name, ordinal_position`,
      [o.schema, tables],
    );
    const columnsOf = (t: string) => columns.filter((c) => c.table_name === t).map((c) => ident(c.column_name));
    const untenanted = tables.filter((t) => !columnsOf(t).includes('"tenant_id"'));
    if (untenanted.length) throw new Error(`${untenanted.join(', ')} hold no tenant_id: rebuild every MPP instead`);
    let caughtUp = 0;
    await o.main.transaction(async (tx) => {
      // Writers wait from here to the commit; readers of every MPP go on reading.
      await tx.query(`LOCK TABLE ${tables.map((t) => `${main}.${ident(t)}`).join(', ')} IN EXCLUSIVE MODE`);
      // What was committed until the lock, the live projectors may have applied: the fresh tables must hold it too.
      caughtUp = await projector.catchUp();
      for (const t of tables) {
        const cols = columnsOf(t).join(', ');
        await tx.query(`DELETE FROM ${main}.${ident(t)} WHERE tenant_id = $1`, [o.tenant]);
        await tx.query(
          `INSERT INTO ${main}.${ident(t)} (${cols}) SELECT ${cols} FROM ${fresh}.${ident(t)} -- tenant: the rebuilt MPP's rows alone`,
        );
      }
      const { rows } = await tx.query<{ stream_id: string }>(
        `SELECT DISTINCT stream_id FROM ${main}.projection_quarantine WHERE projection = ANY($1)`,
        [names],
      );
      const mine = rows.map((r) => r.stream_id).filter((s) => streams.has(s));
      await tx.query(`DELETE FROM ${main}.projection_quarantine WHERE projection = ANY($1) AND stream_id = ANY($2)`, [names, mine]);
      await tx.query(`INSERT INTO ${main}.projection_quarantine SELECT * FROM ${fresh}.projection_quarantine WHERE projection = ANY($1)`, [
        names,
      ]);
    });
    return caughtUp;
  });
}

/**
 * Creates the shadow schema, projects `store` into it from the start and
 * catches up, then lets `swap` move the result into the live schema (it
 * returns the events it applied itself); drops the shadow schema after.
 */
async function inShadow(
  o: ShadowRebuildOptions,
  shadow: string,
  store: EventStore,
  swap: (shadow: string, projector: Projector) => Promise<number>,
): Promise<number> {
  const log = o.log ?? (() => undefined);
  await o.main.query(`DROP SCHEMA IF EXISTS ${ident(shadow)} CASCADE`);
  await o.main.query(`CREATE SCHEMA ${ident(shadow)}`);
  const db = await o.open(`${shadow},${o.schema}`);
  let applied: number;
  try {
    const projector = new Projector(store, db, o.projections);
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
    applied += await swap(shadow, projector);
  } finally {
    await db.close();
  }
  await o.main.query(`DROP SCHEMA IF EXISTS ${ident(shadow)} CASCADE`);
  return applied;
}
