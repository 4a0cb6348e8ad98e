import type { ApplicantNoticeKind, DossierEvent, Label, ServiceCatalogue } from '#berkas/domain';
import type { Queryable } from '#berkas/sql';
import type { ProjectedEvent, Projection } from '../projector/projection.js';
import { DEFAULT_TENANT_CODE, tenantColumn } from '../tenancy.js';

const schema = (home: string) => `
-- Who to tell about a dossier, as the applicant gave it at the counter with consent (private: officers' side only).
CREATE TABLE IF NOT EXISTS nt_contacts (
  dossier_id text PRIMARY KEY,
  registration_number text NOT NULL,
  service_code text NOT NULL,
  service_version integer NOT NULL,
  phone text,
  email text,
  language text NOT NULL
);
-- The due date of the step the dossier is at: the fee notice says by when to pay (issue 21).
ALTER TABLE nt_contacts ADD COLUMN IF NOT EXISTS step_due_at timestamptz;
-- One message per event and channel: the key is the dedupe (a replayed event adds nothing).
CREATE TABLE IF NOT EXISTS nt_outbox (
  event_id uuid NOT NULL,
  channel text NOT NULL,
  dossier_id text NOT NULL,
  registration_number text NOT NULL,
  kind text NOT NULL,
  language text NOT NULL,
  recipient text NOT NULL,
  params jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'pending',
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  via text,
  last_error text,
  sent_at timestamptz,
  PRIMARY KEY (event_id, channel)
);
CREATE INDEX IF NOT EXISTS nt_outbox_due ON nt_outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS nt_outbox_dossier ON nt_outbox (dossier_id, created_at);
-- Every delivery attempt, kept for the officers: when, how, and what went wrong.
CREATE TABLE IF NOT EXISTS nt_attempts (
  event_id uuid NOT NULL,
  channel text NOT NULL,
  attempt integer NOT NULL,
  at timestamptz NOT NULL,
  via text NOT NULL,
  ok boolean NOT NULL,
  error text,
  PRIMARY KEY (event_id, channel, attempt)
);
-- Each MPP's (issue 23): its notices go out under its own name and settings.
${tenantColumn('nt_contacts', home)}
${tenantColumn('nt_outbox', home)}`;

/**
 * What the applicant hears about: the moves they must act on or wait for, and (`expiring`, not from an event) that the
 * permit lapses soon (the expiry reminder job); a service may add its words to each (`notices`). Not to the
 * applicant: `escalation`, a deadline told to the supervisors (the escalation job).
 */
export type NoticeKind = ApplicantNoticeKind | 'escalation';

/** The notice an event is, with what its text needs; undefined: the applicant is not told. */
export function noticeOf(e: DossierEvent, service: Label): { kind: NoticeKind; params: Record<string, unknown> } | undefined {
  switch (e.type) {
    case 'DossierRegistered':
      return { kind: 'registered', params: { service, dueAt: e.data.due.dueAt } };
    case 'DossierReturnedForCorrection':
      return { kind: 'returned', params: { service, reasons: e.data.reasons } };
    case 'FeeAssessed':
      return e.data.total > 0
        ? { kind: 'fee-due', params: { service, skrdNumber: e.data.skrdNumber, amount: e.data.total, document: e.data.document ?? 'SKRD' } }
        : undefined;
    case 'DossierApproved':
      return { kind: 'approved', params: { service } };
    case 'DossierRejected':
      return { kind: 'rejected', params: { service, reasons: e.data.reasons, letterNumber: e.data.letterNumber } };
    case 'PermitIssued':
      return { kind: 'ready', params: { service, permitNumber: e.data.permitNumber } };
    case 'DossierDeemedApproved':
      return { kind: 'deemed-approved', params: { service } };
    case 'PermitHandedOver':
      return { kind: 'handed-over', params: { service } };
    case 'PermitRevoked':
      return { kind: 'revoked', params: { service, permitNumber: e.data.permitNumber, reason: e.data.reason } };
    default:
      return undefined;
  }
}

/** A mobile number in international form (62…), or undefined for a landline: no SMS or WhatsApp reaches a desk phone. */
export function mobileNumber(phone: string | undefined): string | undefined {
  if (!phone) return undefined;
  const digits = phone.replace(/^\+/, '');
  const international = digits.startsWith('0') ? `62${digits.slice(1)}` : digits;
  return /^628\d{7,12}$/.test(international) ? international : undefined;
}

/**
 * The notification outbox, fed from the event log like every read model (its
 * rows are written in the transaction that moves its checkpoint, so a crash
 * loses none). A dispatcher sends them (D33). Never emptied by a rebuild:
 * replayed events find their rows already there and add nothing, so nobody is
 * told twice; events older than `maxAgeHours` when first seen are not told at
 * all (a new deployment over an old log does not wake up last year's applicants).
 */
export class NotificationOutboxProjection implements Projection {
  readonly name = 'notification-outbox';
  readonly schema: string;
  /** Nothing: a rebuild must not forget what was already sent. */
  readonly tables: string[] = [];

  constructor(
    private readonly catalogue: ServiceCatalogue,
    private readonly maxAgeHours = 48,
    private readonly now: () => number = Date.now,
    /** The tenant of dossiers registered before tenants existed. */
    private readonly home = DEFAULT_TENANT_CODE,
  ) {
    this.schema = schema(home);
  }

  apply(tx: Queryable, p: ProjectedEvent): Promise<void> {
    return this.applyBatch(tx, [p]);
  }

  /**
   * A batch in a few statements whatever its size: the contacts of its dossiers read once, the events folded over them
   * in log order (a notice sees the step due date of its moment, not the batch's last), then one write per table.
   * Applying events one statement each (an UPDATE per step started) was most of a live projector's round trips.
   */
  async applyBatch(tx: Queryable, events: ProjectedEvent[]): Promise<void> {
    const relevant = events.filter((p) => touchesContacts(p.event) || noticeOf(p.event, NO_LABEL));
    if (!relevant.length) return;
    const ids = [...new Set(relevant.map((p) => p.dossierId))];
    const { rows } = await tx.query<ContactRow>(
      `SELECT dossier_id, registration_number, service_code, service_version, phone, email, language, step_due_at, tenant_id
         FROM nt_contacts WHERE dossier_id = ANY($1) -- tenant: the dossiers of the events applied`,
      [ids],
    );
    const contacts = new Map<string, Contact>(rows.map((r) => [r.dossier_id, { row: r, created: false, dueChanged: false }]));
    const outbox: unknown[] = [];
    for (const p of relevant) {
      const e = p.event;
      if (e.type === 'DossierRegistered') {
        const a = e.data.applicant;
        // Without consent, no contact is kept for notices at all.
        if (!a.notices) continue;
        // A contact already kept stays as it is (the event applied again).
        if (!contacts.has(p.dossierId))
          contacts.set(p.dossierId, {
            row: {
              dossier_id: p.dossierId,
              registration_number: e.data.registrationNumber,
              service_code: e.data.service.code,
              service_version: e.data.service.version,
              phone: mobileNumber(a.phone) ?? null,
              email: a.email ?? null,
              language: a.language ?? 'id',
              step_due_at: null,
              tenant_id: p.tenant ?? this.home,
            },
            created: true,
            dueChanged: false,
          });
      }
      // The step's due date, kept for the notice that needs it (the fee's: pay by).
      if (e.type === 'StepStarted' || e.type === 'CorrectionsResubmitted') {
        const contact = contacts.get(p.dossierId);
        if (contact) {
          contact.row.step_due_at = (e.type === 'StepStarted' ? e.data.due.dueAt : e.data.stepDue.dueAt) || null;
          contact.dueChanged = true;
        }
        continue;
      }
      const contact = contacts.get(p.dossierId);
      if (!contact || this.now() - Date.parse(p.at) > this.maxAgeHours * 3_600_000) continue;
      outbox.push(...this.notices(p, contact.row));
    }
    const created = [...contacts.values()].filter((c) => c.created).map((c) => c.row);
    if (created.length)
      await tx.query(
        `INSERT INTO nt_contacts (dossier_id, registration_number, service_code, service_version, phone, email, language, step_due_at, tenant_id)
         SELECT dossier_id, registration_number, service_code, service_version, phone, email, language, step_due_at, tenant_id
           FROM jsonb_to_recordset($1::jsonb) AS c(dossier_id text, registration_number text, service_code text, service_version integer,
             phone text, email text, language text, step_due_at timestamptz, tenant_id text)
         ON CONFLICT (dossier_id) DO NOTHING`,
        [JSON.stringify(created)],
      );
    const moved = [...contacts.values()].filter((c) => !c.created && c.dueChanged).map((c) => c.row);
    if (moved.length)
      await tx.query(
        `UPDATE nt_contacts c SET step_due_at = u.step_due_at
           FROM jsonb_to_recordset($1::jsonb) AS u(dossier_id text, step_due_at timestamptz)
          WHERE c.dossier_id = u.dossier_id -- tenant: the dossiers of the events applied`,
        [JSON.stringify(moved.map((r) => ({ dossier_id: r.dossier_id, step_due_at: r.step_due_at })))],
      );
    if (outbox.length)
      await tx.query(
        `INSERT INTO nt_outbox (event_id, channel, dossier_id, registration_number, kind, language, recipient, params, created_at, next_attempt_at, tenant_id)
         SELECT event_id, channel, dossier_id, registration_number, kind, language, recipient, params, created_at, created_at, tenant_id
           FROM jsonb_to_recordset($1::jsonb) AS o(event_id uuid, channel text, dossier_id text, registration_number text, kind text,
             language text, recipient text, params jsonb, created_at timestamptz, tenant_id text)
         ON CONFLICT DO NOTHING`,
        [JSON.stringify(outbox)],
      );
  }

  /** The outbox rows an event makes for a dossier's contact: one per channel the applicant gave. */
  private notices(p: ProjectedEvent, contact: ContactRow): unknown[] {
    const definition = this.catalogue.get(contact.service_code, contact.service_version);
    const service = definition?.name ?? { id: contact.service_code, en: contact.service_code };
    const notice = noticeOf(p.event, service);
    if (!notice) return [];
    // The MPP's own words for this notice of this service (issue 23), as its version had them.
    const note = notice.kind === 'escalation' ? undefined : definition?.notices[notice.kind];
    if (note) notice.params.note = note;
    // A bill says by when: the fee step's due date (issue 21: the fee notice gave the amount and channels only).
    if (notice.kind === 'fee-due' && contact.step_due_at) notice.params.payBy = new Date(contact.step_due_at).toISOString();
    const channels = [
      ...(contact.email ? [['email', contact.email] as const] : []),
      ...(contact.phone ? [['phone', contact.phone] as const] : []),
    ];
    return channels.map(([channel, recipient]) => ({
      event_id: p.stored.eventId,
      channel,
      dossier_id: p.dossierId,
      registration_number: contact.registration_number,
      kind: notice.kind,
      language: contact.language,
      recipient,
      params: notice.params,
      created_at: p.at,
      tenant_id: contact.tenant_id,
    }));
  }
}

const NO_LABEL: Label = { id: '', en: '' };

/** Events that create a dossier's contact or move its step due date. */
const touchesContacts = (e: DossierEvent) =>
  e.type === 'DossierRegistered' || e.type === 'StepStarted' || e.type === 'CorrectionsResubmitted';

interface ContactRow {
  dossier_id: string;
  registration_number: string;
  service_code: string;
  service_version: number;
  phone: string | null;
  email: string | null;
  language: string;
  step_due_at: Date | string | null;
  tenant_id: string;
}

/** A contact as the batch goes: created by it, or read and perhaps given a new step due date. */
interface Contact {
  row: ContactRow;
  created: boolean;
  dueChanged: boolean;
}

export interface NoticeRecord {
  kind: NoticeKind;
  channel: 'email' | 'phone';
  /** The address, partly hidden: enough for an officer to tell which one. */
  recipient: string;
  /** logged: written to the process log, no channel configured; superseded: a newer notice went instead. */
  status: 'pending' | 'sent' | 'logged' | 'failed' | 'superseded';
  via: string | null;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string | null;
}

/** A dossier's notices, oldest first, for the officers' dossier page (of the officer's MPP). */
export async function noticesOf(db: Queryable, tenant: string, dossierId: string): Promise<NoticeRecord[]> {
  const { rows } = await db.query<{
    kind: NoticeKind;
    channel: 'email' | 'phone';
    recipient: string;
    status: NoticeRecord['status'];
    via: string | null;
    attempts: number;
    created_at: Date;
    sent_at: Date | null;
    next_attempt_at: Date;
  }>(
    `SELECT kind, channel, recipient, status, via, attempts, created_at, sent_at, next_attempt_at
       FROM nt_outbox WHERE dossier_id = $1 AND tenant_id = $2 AND kind <> 'escalation' ORDER BY created_at, channel`,
    [dossierId, tenant],
  );
  return rows.map((r) => ({
    kind: r.kind,
    channel: r.channel,
    recipient: r.recipient.replace(/^(.{3}).*(.{3})$/, '$1…$2'),
    status: r.status,
    via: r.via,
    attempts: r.attempts,
    createdAt: new Date(r.created_at).toISOString(),
    sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
    nextAttemptAt: r.status === 'pending' ? new Date(r.next_attempt_at).toISOString() : null,
  }));
}
