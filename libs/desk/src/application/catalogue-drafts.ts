import type { Queryable } from '#berkas/sql';

/** An MPP's working copy of one service (issue 23): saved as often as its administrator likes, published once it validates. */
export interface CatalogueDraft {
  code: string;
  /** The definition as edited: any JSON object (validated when shown and when published, never when saved). */
  definition: Record<string, unknown>;
  /** The version it was adapted from (the template's or the MPP's own). */
  basedOn: number | null;
  updatedBy: string;
  updatedAt: string;
}

export const CATALOGUE_DRAFTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS catalogue_drafts (
  tenant_id text NOT NULL,
  code text NOT NULL,
  definition jsonb NOT NULL,
  based_on integer,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, code)
);`;

/**
 * The published catalogue's stream as a view (D56): what a process whose database role may not read the log (the
 * public site's, docker/postgres/roles.sql) reads the MPPs' published service versions and holidays from.
 */
export const CATALOGUE_EVENTS_VIEW = `
DO $$ BEGIN
  -- Only where the log is this database's (EVENT_STORE=postgres); EventStoreDB's stream is read by every process.
  IF to_regclass('events') IS NOT NULL THEN
    CREATE OR REPLACE VIEW catalogue_events AS SELECT stream_version, type, data FROM events WHERE stream_id = 'catalogue';
  END IF;
END $$;`;

interface Row {
  code: string;
  definition: Record<string, unknown>;
  based_on: number | null;
  updated_by: string;
  updated_at: Date;
}

const fromRow = (r: Row): CatalogueDraft => ({
  code: r.code,
  definition: r.definition,
  basedOn: r.based_on,
  updatedBy: r.updated_by,
  updatedAt: r.updated_at.toISOString(),
});

/** The drafts of one MPP's catalogue: one per service at most. */
export const catalogueDrafts = {
  async all(db: Queryable, tenant: string): Promise<CatalogueDraft[]> {
    const { rows } = await db.query<Row>('SELECT * FROM catalogue_drafts WHERE tenant_id = $1 ORDER BY code', [tenant]);
    return rows.map(fromRow);
  },

  async get(db: Queryable, tenant: string, code: string): Promise<CatalogueDraft | undefined> {
    const { rows } = await db.query<Row>('SELECT * FROM catalogue_drafts WHERE tenant_id = $1 AND code = $2', [tenant, code]);
    return rows[0] && fromRow(rows[0]);
  },

  async save(db: Queryable, tenant: string, draft: Omit<CatalogueDraft, 'updatedAt'>, at: string): Promise<void> {
    await db.query(
      `INSERT INTO catalogue_drafts (tenant_id, code, definition, based_on, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id, code) DO UPDATE SET definition = EXCLUDED.definition, based_on = EXCLUDED.based_on,
         updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
      [tenant, draft.code, JSON.stringify(draft.definition), draft.basedOn, draft.updatedBy, at],
    );
  },

  async remove(db: Queryable, tenant: string, code: string): Promise<boolean> {
    const { rows } = await db.query('DELETE FROM catalogue_drafts WHERE tenant_id = $1 AND code = $2 RETURNING code', [tenant, code]);
    return rows.length > 0;
  },
};
