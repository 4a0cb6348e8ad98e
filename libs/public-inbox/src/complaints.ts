import { randomBytes } from 'node:crypto';
import type { Queryable, SqlDatabase } from '#berkas/sql';
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

/** How many complaints one dossier may have (D38): unanswered at once, and filed in 24 hours. */
export const COMPLAINT_LIMITS = { open: 3, perDay: 3 } as const;

/** A complaint filed again within this many hours (same dossier, category and words) is the same complaint. */
export const COMPLAINT_REPEAT_HOURS = 24;

/** The words of a complaint as compared for a repeat: case, spacing, punctuation and invisible characters aside. */
export const complaintWords = (text: string): string =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{Cf}\p{P}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();

/** What filing a complaint did: its number, and whether it was the same complaint sent again (nothing new filed). */
export interface FiledComplaint {
  number: string;
  repeated: boolean;
  filedAt: string;
}

/**
 * A complaint as the applicant filed it; answers the number they keep, or
 * undefined when the dossier is at its limit: `answered` complaints of its
 * history subtracted from what it filed, at most COMPLAINT_LIMITS.open waiting
 * for an answer and COMPLAINT_LIMITS.perDay filed in 24 hours. The same
 * complaint sent again (the same category and words within
 * COMPLAINT_REPEAT_HOURS: a reload, a double tap, a second try on a slow
 * line) answers the first one's number and files nothing. Checked and
 * written in one transaction under a lock on the dossier, so a burst cannot
 * slip past the count.
 */
export async function fileComplaint(
  db: SqlDatabase,
  c: { tenant: string; dossierId: string; category: ComplaintCategory; text: string; at: string; answered: number },
): Promise<FiledComplaint | undefined> {
  const number = `ADU-${[...randomBytes(8)].map((b) => ALPHABET[b % 32]).join('')}`;
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('berkas-complaint:' || $1))", [c.dossierId]);
    const recent = await tx.query<{ complaint_number: string; text: string; filed_at: Date }>(
      `SELECT complaint_number, text, filed_at FROM complaint_inbox
        WHERE dossier_id = $1 AND category = $2 AND filed_at > $3::timestamptz - make_interval(hours => $4)
        ORDER BY filed_at -- tenant: a dossier id is one MPP's`,
      [c.dossierId, c.category, c.at, COMPLAINT_REPEAT_HOURS],
    );
    const words = complaintWords(c.text);
    const same = recent.rows.find((r) => complaintWords(r.text) === words);
    if (same) return { number: same.complaint_number, repeated: true, filedAt: new Date(same.filed_at).toISOString() };
    const { rows } = await tx.query<{ filed: number; today: number }>(
      `SELECT count(*)::int AS filed, count(*) FILTER (WHERE filed_at > $2::timestamptz - interval '1 day')::int AS today
         FROM complaint_inbox WHERE dossier_id = $1 -- tenant: a dossier id is one MPP's`,
      [c.dossierId, c.at],
    );
    const { filed, today } = rows[0] ?? { filed: 0, today: 0 };
    if (today >= COMPLAINT_LIMITS.perDay || filed - c.answered >= COMPLAINT_LIMITS.open) return undefined;
    await tx.query(
      `INSERT INTO complaint_inbox (id, complaint_number, dossier_id, category, text, filed_at, tenant_id)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6)`,
      [number, c.dossierId, c.category, c.text, c.at, c.tenant],
    );
    return { number, repeated: false, filedAt: c.at };
  });
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
    "SELECT id, complaint_number, dossier_id, category, text, filed_at FROM complaint_inbox WHERE taken_in_at IS NULL ORDER BY filed_at LIMIT $1 -- tenant: the intake takes every MPP's in",
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
  await db.query('UPDATE complaint_inbox SET taken_in_at = now() WHERE id = $1 -- tenant: the one just taken in', [id]);
}

/** The dossier's complaints still waiting to be taken in (the page shows them as received). */
export async function inboxOf(db: Queryable, dossierId: string): Promise<{ number: string; category: string; filedAt: string }[]> {
  const { rows } = await db.query<{ complaint_number: string; category: string; filed_at: Date }>(
    "SELECT complaint_number, category, filed_at FROM complaint_inbox WHERE dossier_id = $1 AND taken_in_at IS NULL ORDER BY filed_at -- tenant: a dossier id is one MPP's",
    [dossierId],
  );
  return rows.map((r) => ({ number: r.complaint_number, category: r.category, filedAt: new Date(r.filed_at).toISOString() }));
}

export interface ComplaintItem {
  dossierId: string;
  registrationNumber: string;
  service: string;
  number: string;
  category: string;
  text: string;
  filedAt: string;
  respondBy: string;
  overdue: boolean;
  answer: string | null;
  answeredAt: string | null;
  duplicateOf: string | null;
  /** The dossier's other complaints, which this one may be closed as the same as. */
  others: { number: string; category: string; answered: boolean }[];
}

/**
 * The supervisors' complaint queue: complaints in dossiers' histories, soonest
 * deadline first (then by number), a page at a time with the total; `open`
 * keeps only those not yet answered.
 */
export async function complaintQueue(
  db: Queryable,
  q: { tenant: string; open: boolean; limit: number; offset: number; now: string },
): Promise<{ total: number; items: ComplaintItem[] }> {
  const from = `FROM rm_dossiers d, jsonb_array_elements(CASE WHEN jsonb_typeof(d.summary->'complaints') = 'array'
                  THEN d.summary->'complaints' ELSE '[]'::jsonb END) AS c
                WHERE d.tenant_id = $1 AND ($2::boolean IS FALSE OR c->>'answer' IS NULL)`;
  const [{ rows }, count] = await Promise.all([
    db.query<{
      dossier_id: string;
      registration_number: string;
      service_code: string;
      c: Record<string, string | undefined>;
      all: Record<string, string | undefined>[];
    }>(
      `SELECT d.dossier_id, d.registration_number, d.service_code, c, d.summary->'complaints' AS "all" ${from}
        ORDER BY c->>'respondBy', c->>'number' LIMIT $3 OFFSET $4`,
      [q.tenant, q.open, q.limit, q.offset],
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n ${from}`, [q.tenant, q.open]),
  ]);
  return {
    total: count.rows[0]?.n ?? 0,
    items: rows.map(({ dossier_id, registration_number, service_code, c, all }) => ({
      dossierId: dossier_id,
      registrationNumber: registration_number,
      service: service_code,
      number: c.number ?? '',
      category: c.category ?? '',
      text: c.text ?? '',
      filedAt: c.filedAt ?? '',
      respondBy: c.respondBy ?? '',
      overdue: !c.answer && (c.respondBy ?? '') < q.now,
      answer: c.answer ?? null,
      answeredAt: c.answeredAt ?? null,
      duplicateOf: c.duplicateOf ?? null,
      others: all
        .filter((o) => o.number !== c.number)
        .map((o) => ({ number: o.number ?? '', category: o.category ?? '', answered: Boolean(o.answer) })),
    })),
  };
}
