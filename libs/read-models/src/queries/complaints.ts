import { randomBytes } from 'node:crypto';
import type { Queryable } from '#berkas/event-store';
import type { ComplaintCategory } from '#berkas/domain';

/**
 * Complaints arrive on the public page and wait here until the officers'
 * process takes them into the dossier's history (ComplaintFiled): the public
 * side writes its own table, never the event log (D35).
 */
export const COMPLAINT_INBOX_SCHEMA = `
CREATE TABLE IF NOT EXISTS complaint_inbox (
  id uuid PRIMARY KEY,
  complaint_number text NOT NULL UNIQUE,
  dossier_id text NOT NULL,
  category text NOT NULL,
  text text NOT NULL,
  filed_at timestamptz NOT NULL,
  taken_in_at timestamptz
);
CREATE INDEX IF NOT EXISTS complaint_inbox_waiting ON complaint_inbox (filed_at) WHERE taken_in_at IS NULL;`;

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A complaint as the applicant filed it; answers the number they keep. */
export async function fileComplaint(
  db: Queryable,
  c: { dossierId: string; category: ComplaintCategory; text: string; at: string },
): Promise<string> {
  const number = `ADU-${[...randomBytes(8)].map((b) => ALPHABET[b % 32]).join('')}`;
  await db.query(
    `INSERT INTO complaint_inbox (id, complaint_number, dossier_id, category, text, filed_at) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5)`,
    [number, c.dossierId, c.category, c.text, c.at],
  );
  return number;
}

export interface InboxComplaint {
  id: string;
  complaintNumber: string;
  dossierId: string;
  category: ComplaintCategory;
  text: string;
  filedAt: string;
}

/** Complaints not yet in their dossier's history, oldest first. */
export async function waitingComplaints(db: Queryable, limit = 20): Promise<InboxComplaint[]> {
  const { rows } = await db.query<{
    id: string;
    complaint_number: string;
    dossier_id: string;
    category: ComplaintCategory;
    text: string;
    filed_at: Date;
  }>(
    'SELECT id, complaint_number, dossier_id, category, text, filed_at FROM complaint_inbox WHERE taken_in_at IS NULL ORDER BY filed_at LIMIT $1',
    [limit],
  );
  return rows.map((r) => ({
    id: r.id,
    complaintNumber: r.complaint_number,
    dossierId: r.dossier_id,
    category: r.category,
    text: r.text,
    filedAt: new Date(r.filed_at).toISOString(),
  }));
}

export async function markTakenIn(db: Queryable, id: string): Promise<void> {
  await db.query('UPDATE complaint_inbox SET taken_in_at = now() WHERE id = $1', [id]);
}

/** The dossier's complaints still waiting to be taken in (the page shows them as received). */
export async function inboxOf(db: Queryable, dossierId: string): Promise<{ number: string; category: string; filedAt: string }[]> {
  const { rows } = await db.query<{ complaint_number: string; category: string; filed_at: Date }>(
    'SELECT complaint_number, category, filed_at FROM complaint_inbox WHERE dossier_id = $1 AND taken_in_at IS NULL ORDER BY filed_at',
    [dossierId],
  );
  return rows.map((r) => ({ number: r.complaint_number, category: r.category, filedAt: new Date(r.filed_at).toISOString() }));
}
