import { randomUUID } from 'node:crypto';
import type { Queryable, SqlDatabase } from '#berkas/sql';

/**
 * Corrections handed in online (issue 22): the applicant of a dossier back
 * with them for corrections uploads the corrected files on the public page
 * (number and PIN); the files are stored and checked there, and the
 * submission waits here until the officers' process attaches them and
 * resubmits the dossier in the applicant's name. The public side writes this
 * table, never the event log (D35).
 */
export const CORRECTION_INBOX_SCHEMA = `
CREATE TABLE IF NOT EXISTS correction_inbox (
  id uuid PRIMARY KEY,
  dossier_id text NOT NULL,
  files jsonb NOT NULL,
  note text NOT NULL,
  filed_at timestamptz NOT NULL,
  taken_in_at timestamptz,
  outcome text
);
CREATE INDEX IF NOT EXISTS correction_inbox_waiting ON correction_inbox (filed_at) WHERE taken_in_at IS NULL;`;

/** One file of an online correction, as stored and checked on the public side. */
export interface CorrectionFile {
  requirement: string;
  name: string;
  contentType: 'application/pdf' | 'image/jpeg' | 'image/png';
  size: number;
  sha256: string;
}

export interface WaitingCorrection {
  id: string;
  dossierId: string;
  files: CorrectionFile[];
  note: string;
  filedAt: string;
}

/** How many submissions a dossier may have waiting, and send in 24 hours: a burst from a script stops here. */
export const CORRECTION_LIMITS = { waiting: 1, perDay: 5, files: 10 } as const;

/**
 * Files a submission; undefined when the dossier already has one waiting (it is being taken in) or sent
 * CORRECTION_LIMITS.perDay today. Checked and written under a lock on the dossier, so a double tap files once.
 */
export async function fileCorrection(
  db: SqlDatabase,
  c: { tenant: string; dossierId: string; files: CorrectionFile[]; note: string; at: string },
): Promise<{ id: string } | undefined> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('berkas-correction:' || $1))", [c.dossierId]);
    const { rows } = await tx.query<{ waiting: number; today: number }>(
      `SELECT count(*) FILTER (WHERE taken_in_at IS NULL)::int AS waiting,
              count(*) FILTER (WHERE filed_at > $2::timestamptz - interval '1 day')::int AS today
         FROM correction_inbox WHERE dossier_id = $1 -- tenant: a dossier id is one MPP's`,
      [c.dossierId, c.at],
    );
    const { waiting, today } = rows[0] ?? { waiting: 0, today: 0 };
    if (waiting >= CORRECTION_LIMITS.waiting || today >= CORRECTION_LIMITS.perDay) return undefined;
    const id = randomUUID();
    await tx.query('INSERT INTO correction_inbox (id, dossier_id, files, note, filed_at, tenant_id) VALUES ($1, $2, $3, $4, $5, $6)', [
      id,
      c.dossierId,
      JSON.stringify(c.files),
      c.note,
      c.at,
      c.tenant,
    ]);
    return { id };
  });
}

/** Whether the dossier has a submission not yet taken in (the page says it is being recorded). */
export async function correctionWaiting(db: Queryable, dossierId: string): Promise<boolean> {
  const { rows } = await db.query(
    "SELECT 1 FROM correction_inbox WHERE dossier_id = $1 AND taken_in_at IS NULL LIMIT 1 -- tenant: a dossier id is one MPP's",
    [dossierId],
  );
  return rows.length > 0;
}

export async function waitingCorrections(db: Queryable, limit = 20): Promise<WaitingCorrection[]> {
  const { rows } = await db.query<{ id: string; dossier_id: string; files: CorrectionFile[] | string; note: string; filed_at: Date }>(
    "SELECT id, dossier_id, files, note, filed_at FROM correction_inbox WHERE taken_in_at IS NULL ORDER BY filed_at LIMIT $1 -- tenant: the intake takes every MPP's in",
    [limit],
  );
  return rows.map((r) => ({
    id: r.id,
    dossierId: r.dossier_id,
    files: typeof r.files === 'string' ? (JSON.parse(r.files) as CorrectionFile[]) : r.files,
    note: r.note,
    filedAt: new Date(r.filed_at).toISOString(),
  }));
}

/** Taken in: `outcome` says what became of it ('resubmitted', or why not). */
export async function markCorrectionTakenIn(db: Queryable, id: string, outcome: string): Promise<void> {
  await db.query(
    'UPDATE correction_inbox SET taken_in_at = now(), outcome = $2 WHERE id = $1 AND taken_in_at IS NULL -- tenant: the one just taken in',
    [id, outcome],
  );
}

/** Which of these files a correction not yet taken in holds (the sweep leaves them: their event is on the way). */
export async function heldByWaitingCorrections(db: Queryable, sha256s: string[]): Promise<Set<string>> {
  const { rows } = await db.query<{ sha256: string }>(
    `SELECT DISTINCT f->>'sha256' AS sha256
       FROM correction_inbox, jsonb_array_elements(files) f
      WHERE taken_in_at IS NULL AND f->>'sha256' = ANY($1) -- tenant: the file store is the deployment's`,
    [sha256s],
  );
  return new Set(rows.map((r) => r.sha256));
}
