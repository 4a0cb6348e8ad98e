import { randomInt, randomUUID } from 'node:crypto';
import type { Applicant, Particulars } from '#berkas/domain';
import type { Queryable, SqlDatabase } from '#berkas/sql';
import type { CorrectionFile } from './corrections.js';

/**
 * Applications handed in online (issue 22): the applicant fills the service's
 * form on the public page and uploads a file per requirement; the public side
 * checks and stores the files and files the application here as a draft with
 * a number and a PIN. The front desk (or the verifier) then accepts it, which
 * registers the dossier, or returns it with reasons; a draft nobody took up
 * expires. The public side writes drafts, the officers' side decides them;
 * neither writes the other's tables, and nothing here is in the event log
 * until the dossier is registered (D35).
 *
 * Only a waiting draft holds the applicant's particulars: accepting moves them
 * into the dossier, and returning or expiring erases them, keeping the number,
 * the service, the outcome and the reasons the applicant reads.
 */
export const APPLICATION_DRAFTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS application_drafts (
  id uuid PRIMARY KEY,
  number text NOT NULL UNIQUE,
  service_code text NOT NULL,
  service_version integer NOT NULL,
  application jsonb NOT NULL,
  files jsonb NOT NULL,
  client text NOT NULL,
  filed_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'waiting',
  decided_at timestamptz,
  decided_by text,
  reasons jsonb,
  dossier_id text,
  registration_number text
);
CREATE INDEX IF NOT EXISTS application_drafts_open ON application_drafts (filed_at) WHERE status IN ('waiting', 'accepting');
CREATE INDEX IF NOT EXISTS application_drafts_client ON application_drafts (client, filed_at);`;

/** What the applicant filled in: the counter's registration, without the counter. */
export interface DraftApplication {
  applicant: Applicant;
  particulars: Particulars;
  inputs: Record<string, number>;
  /** The applicant's note to the desk (optional). */
  note?: string;
}

/** `accepting`: an officer is registering it (a crash half-way lets the next try finish it; it can no longer be returned or expire). */
export type DraftStatus = 'waiting' | 'accepting' | 'accepted' | 'returned' | 'expired';

export interface Draft {
  id: string;
  /** The MPP whose public page it was handed in on. */
  tenant: string;
  number: string;
  service: { code: string; version: number };
  /** Empty once the draft is decided: the particulars live in the dossier, or nowhere. */
  application: DraftApplication | Record<string, never>;
  files: CorrectionFile[];
  filedAt: string;
  expiresAt: string;
  status: DraftStatus;
  decidedAt?: string;
  /** The officer who accepted or returned it ('system-drafts' when it expired). */
  decidedBy?: string;
  reasons?: string[];
  dossierId?: string;
  registrationNumber?: string;
}

/**
 * The abuse limits: how many drafts one address (an IPv6 /64, as `clientGroup`
 * names it) may hand in a day and have waiting at once, and how many files
 * one draft carries. A draft's bytes are bounded by the dossier's own limit.
 */
export const DRAFT_LIMITS = { perClientPerDay: 5, waitingPerClient: 3, files: 20 } as const;

// No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a number read out over the phone or copied from a screen comes back right.
const ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
/** A draft's number: DAFTAR-2026-K7Q3MX. Random, so one number says nothing about another's. */
export const DRAFT_NUMBER = /^DAFTAR-\d{4}-[A-Z0-9]{6}$/;

function newNumber(at: string): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `DAFTAR-${at.slice(0, 4)}-${code}`;
}

/** Whether `client` may hand in another draft now: checked before any file is stored, and again when it is filed. */
export async function draftAllowed(db: Queryable, client: string, at: string): Promise<boolean> {
  const { rows } = await db.query<{ today: number; waiting: number }>(
    `SELECT count(*) FILTER (WHERE filed_at > $2::timestamptz - interval '1 day')::int AS today,
            count(*) FILTER (WHERE status = 'waiting')::int AS waiting
       FROM application_drafts WHERE client = $1 -- tenant: an address's limits hold across the MPPs of the deployment`,
    [client, at],
  );
  const { today, waiting } = rows[0] ?? { today: 0, waiting: 0 };
  return today < DRAFT_LIMITS.perClientPerDay && waiting < DRAFT_LIMITS.waitingPerClient;
}

/**
 * Files a draft, under a lock on the client so that a burst of parallel posts
 * counts each one; undefined when the client is over DRAFT_LIMITS.
 */
export async function fileDraft(
  db: SqlDatabase,
  d: {
    /** The MPP whose public page it was handed in on: only its desks see it. */
    tenant: string;
    service: { code: string; version: number };
    application: DraftApplication;
    files: CorrectionFile[];
    client: string;
    at: string;
    expiresAt: string;
  },
): Promise<{ id: string; number: string } | undefined> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('berkas-draft:' || $1))", [d.client]);
    if (!(await draftAllowed(tx, d.client, d.at))) return undefined;
    const id = randomUUID();
    for (;;) {
      const number = newNumber(d.at);
      const { rows } = await tx.query<{ id: string }>(
        `INSERT INTO application_drafts (id, number, service_code, service_version, application, files, client, filed_at, expires_at, tenant_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (number) DO NOTHING RETURNING id`,
        [
          id,
          number,
          d.service.code,
          d.service.version,
          JSON.stringify(d.application),
          JSON.stringify(d.files),
          d.client,
          d.at,
          d.expiresAt,
          d.tenant,
        ],
      );
      if (rows.length) return { id, number };
    }
  });
}

type Row = {
  id: string;
  tenant_id: string;
  number: string;
  service_code: string;
  service_version: number;
  application: unknown;
  files: unknown;
  filed_at: Date | string;
  expires_at: Date | string;
  status: DraftStatus;
  decided_at: Date | string | null;
  decided_by: string | null;
  reasons: unknown;
  dossier_id: string | null;
  registration_number: string | null;
};

const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));
const iso = (v: Date | string) => new Date(v).toISOString();

function toDraft(r: Row): Draft {
  return {
    id: r.id,
    tenant: r.tenant_id,
    number: r.number,
    service: { code: r.service_code, version: r.service_version },
    application: json<DraftApplication>(r.application),
    files: json<CorrectionFile[]>(r.files),
    filedAt: iso(r.filed_at),
    expiresAt: iso(r.expires_at),
    status: r.status,
    ...(r.decided_at ? { decidedAt: iso(r.decided_at) } : {}),
    ...(r.decided_by ? { decidedBy: r.decided_by } : {}),
    ...(r.reasons ? { reasons: json<string[]>(r.reasons) } : {}),
    ...(r.dossier_id ? { dossierId: r.dossier_id } : {}),
    ...(r.registration_number ? { registrationNumber: r.registration_number } : {}),
  };
}

const COLUMNS = `id, tenant_id, number, service_code, service_version, application, files, filed_at, expires_at, status, decided_at, decided_by,
  reasons, dossier_id, registration_number`;

/** A draft of one MPP by its number: another MPP's is unknown there. */
export async function draftByNumber(db: Queryable, tenant: string, number: string): Promise<Draft | undefined> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM application_drafts WHERE number = $1 AND tenant_id = $2`, [number, tenant]);
  return rows[0] ? toDraft(rows[0]) : undefined;
}

export async function draftById(db: Queryable, tenant: string, id: string): Promise<Draft | undefined> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM application_drafts WHERE id = $1 AND tenant_id = $2`, [id, tenant]);
  return rows[0] ? toDraft(rows[0]) : undefined;
}

/** One MPP's drafts waiting for a desk (or being accepted), oldest first (the first to expire). */
export async function waitingDrafts(db: Queryable, tenant: string, limit = 100): Promise<Draft[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM application_drafts WHERE tenant_id = $2 AND status IN ('waiting', 'accepting') ORDER BY filed_at LIMIT $1`,
    [limit, tenant],
  );
  return rows.map(toDraft);
}

/**
 * Marks a draft as being accepted, before its dossier is registered: from
 * then on it can neither be returned nor expire, and a second officer's
 * accept finishes the same registration (the commands are keyed by the
 * draft). False when it was returned or expired first.
 */
export async function startAccepting(db: Queryable, id: string): Promise<boolean> {
  const { rows } = await db.query(
    "UPDATE application_drafts SET status = 'accepting' WHERE id = $1 AND status IN ('waiting', 'accepting') RETURNING id -- tenant: a draft opened in its MPP",
    [id],
  );
  return rows.length > 0;
}

/**
 * Decides a draft: accepted (with the dossier it became, once it is being
 * accepted) or returned with reasons (while it waits). The particulars are
 * erased in the same statement. False when it was decided otherwise first.
 */
export async function decideDraft(
  db: Queryable,
  id: string,
  d:
    | { status: 'accepted'; by: string; at: string; dossierId: string; registrationNumber: string }
    | { status: 'returned'; by: string; at: string; reasons: string[] },
): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE application_drafts SET status = $2, decided_by = $3, decided_at = $4, reasons = $5, dossier_id = $6,
            registration_number = $7, application = '{}'::jsonb
      WHERE id = $1 AND status = ANY($8) RETURNING id -- tenant: a draft opened in its MPP`,
    [
      id,
      d.status,
      d.by,
      d.at,
      d.status === 'returned' ? JSON.stringify(d.reasons) : null,
      d.status === 'accepted' ? d.dossierId : null,
      d.status === 'accepted' ? d.registrationNumber : null,
      d.status === 'accepted' ? ['waiting', 'accepting'] : ['waiting'],
    ],
  );
  return rows.length > 0;
}

/** The officer id an expiry is recorded under. */
export const DRAFT_EXPIRY = 'system-drafts';

/** Expires the waiting drafts past their date, erasing their particulars; answers how many. */
export async function expireDrafts(db: Queryable, at: string): Promise<number> {
  const { rows } = await db.query(
    `UPDATE application_drafts SET status = 'expired', decided_by = $2, decided_at = $1, application = '{}'::jsonb
      WHERE status = 'waiting' AND expires_at <= $1::timestamptz RETURNING id -- tenant: every MPP's expire alike`,
    [at, DRAFT_EXPIRY],
  );
  return rows.length;
}

/** Which of these files a waiting draft holds (the sweep leaves them: they may yet be attached). */
export async function heldByWaitingDrafts(db: Queryable, sha256s: string[]): Promise<Set<string>> {
  const { rows } = await db.query<{ sha256: string }>(
    `SELECT DISTINCT f->>'sha256' AS sha256
       FROM application_drafts, jsonb_array_elements(files) f
      WHERE status IN ('waiting', 'accepting') AND f->>'sha256' = ANY($1) -- tenant: the file store is the deployment's`,
    [sha256s],
  );
  return new Set(rows.map((r) => r.sha256));
}
