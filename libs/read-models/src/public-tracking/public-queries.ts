import type { PublicSignature } from './public-tracking.projection.js';
import { PUBLIC_STATUS, type Label, type ServiceCatalogue } from '#berkas/domain';
import type { Queryable } from '#berkas/sql';
import type { DossierSummary } from '../summary/dossier-summary.js';
import { isOverdue } from '../summary/overdue.js';

/** What an applicant sees: no NIK, no officer, the name masked. */
export interface PublicTrackingView {
  registrationNumber: string;
  serviceCode: string;
  service: Label;
  applicant: string;
  status: { code: string } & Label;
  stage: { step: Label; desks: Label[] } | null;
  /** The service's stages from registration to handover, each done, current, still to come, or where it stopped. */
  progress: { label: Label; state: 'done' | 'current' | 'todo' | 'stopped' }[];
  registeredAt: string;
  dueAt: string;
  dueProvisional: boolean;
  overdue: boolean;
  fiktifPositif: boolean;
  /**
   * The last return for corrections; `clockPaused`: the service's clock stops while the dossier is with the
   * applicant (null: not known for a dossier returned before it was kept); `pausedWorkingDays`: what the pause
   * added to the deadline, once the corrections came back.
   */
  correction: {
    reasons: string[];
    returnedAt: string;
    resubmittedAt: string | null;
    clockPaused: boolean | null;
    pausedWorkingDays: number | null;
  } | null;
  fee: {
    skrdNumber: string;
    /** SKRD for a levy, SKPD for a tax (pajak reklame). */
    document: 'SKRD' | 'SKPD';
    /** `refundable`: a deposit paid with the bill and returned later (the removal bond), not a fee or tax. */
    lines: { label: Label; amount: number; refundable?: boolean }[];
    total: number;
    paid: number;
    outstanding: number;
    /** Pay by: the fee step's due date, while the dossier waits at it. */
    dueAt: string | null;
  } | null;
  readyToCollect: boolean;
  /** Ready to collect: the end of the applicant's time to collect (the handover step's date, D52), then the counter calls. */
  collectBy: string | null;
  permit: { number: string; issuedAt: string } | null;
  rejection: { reasons: string[] } | null;
  timeline: { at: string; text: Label }[];
  /** The applicant's complaints about the dossier: when, about what, the deadline, and the answer once given. */
  complaints: {
    number: string;
    category: string;
    filedAt: string;
    respondBy: string | null;
    answer: string | null;
    /** Closed as the same as this other complaint (which carries the answer). */
    duplicateOf: string | null;
  }[];
}

/** A dossier of one MPP by its registration number: another MPP's receipt is unknown here. */
export async function findTracking(
  db: Queryable,
  tenant: string,
  registrationNumber: string,
): Promise<{ dossierId: string; state: DossierSummary } | undefined> {
  const { rows } = await db.query<{ dossier_id: string; state: DossierSummary }>(
    'SELECT dossier_id, state FROM pub_tracking WHERE tenant_id = $2 AND registration_number = $1',
    [registrationNumber, tenant],
  );
  return rows[0] && { dossierId: rows[0].dossier_id, state: rows[0].state };
}

/** What a public lookup reads from the database; `renderTracking` turns it into the answer. */
export interface TrackingRecord {
  dossierId: string;
  state: DossierSummary;
  timeline: { at: string; text: Label }[];
}

/** The dossier behind a registration number, with its public timeline, or undefined. */
export async function loadTracking(db: Queryable, tenant: string, registrationNumber: string): Promise<TrackingRecord | undefined> {
  const found = await findTracking(db, tenant, registrationNumber);
  if (!found) return undefined;
  const timeline = await db.query<{ at: Date; text: Label }>(
    'SELECT at, text FROM pub_timeline WHERE dossier_id = $1 AND tenant_id = $2 ORDER BY stream_version',
    [found.dossierId, tenant],
  );
  return { ...found, timeline: timeline.rows.map((t) => ({ at: new Date(t.at).toISOString(), text: t.text })) };
}

/** The applicant's view of a dossier at `now` (whether it is overdue depends on the hour asked). */
export function renderTracking(catalogue: ServiceCatalogue, record: TrackingRecord, now: string): PublicTrackingView {
  const s = record.state;
  const active = s.lifecycle === 'in-process' || s.lifecycle === 'issued';
  return {
    registrationNumber: s.registrationNumber,
    serviceCode: s.service.code,
    service: s.service.name,
    applicant: s.applicantMasked,
    status: { code: s.publicStatus, ...PUBLIC_STATUS[s.publicStatus] },
    stage: active && s.step ? { step: s.step.label, desks: s.step.desks.map((d) => catalogue.deskName(d, s.tenant)) } : null,
    progress: progressOf(catalogue, s),
    registeredAt: s.registeredAt,
    dueAt: s.due.dueAt,
    dueProvisional: s.due.provisional,
    overdue: isOverdue(s, now),
    fiktifPositif: s.service.fiktifPositif,
    correction: s.correction && {
      reasons: s.correction.reasons,
      returnedAt: s.correction.returnedAt,
      resubmittedAt: s.correction.resubmittedAt ?? null,
      clockPaused: s.correction.clockPaused ?? null,
      pausedWorkingDays: s.correction.pausedWorkingDays ?? null,
    },
    fee: s.fee && {
      skrdNumber: s.fee.skrdNumber,
      document: s.fee.document ?? 'SKRD',
      lines: s.fee.lines.map((l) => ({ label: l.label, amount: l.amount, ...(l.refundable ? { refundable: true } : {}) })),
      total: s.fee.total,
      paid: s.fee.paid,
      outstanding: s.fee.outstanding,
      dueAt: s.lifecycle === 'in-process' && s.step?.kind === 'fee' ? s.step.due.dueAt : null,
    },
    readyToCollect: s.lifecycle === 'issued',
    collectBy: s.lifecycle === 'issued' && s.step?.kind === 'handover' ? s.step.due.dueAt : null,
    permit: s.permit && s.permit.number ? { number: s.permit.number, issuedAt: s.permit.issuedAt } : null,
    rejection: s.decision && !s.decision.approved ? { reasons: s.decision.reasons ?? [] } : null,
    timeline: record.timeline,
    complaints: (s.complaints ?? []).map((c) => ({
      number: c.number,
      category: c.category,
      filedAt: c.filedAt,
      respondBy: c.respondBy,
      answer: c.answer ?? null,
      duplicateOf: c.duplicateOf ?? null,
    })),
  };
}

const REGISTERED = { id: 'Pendaftaran', en: 'Registration' };

/** Registration, then each step of the service, marked against where the dossier is (or where it stopped). */
function progressOf(catalogue: ServiceCatalogue, s: DossierSummary): PublicTrackingView['progress'] {
  const steps = catalogue.get(s.service.code, s.service.version)?.steps ?? [];
  const at = s.step?.index ?? 0;
  const stages = [REGISTERED, ...steps.map((step) => step.label)];
  return stages.map((label, i) => {
    const n = i - 1; // the step's index; -1 is the registration
    if (n < 0 || s.lifecycle === 'handed-over') return { label, state: 'done' as const };
    if (s.lifecycle === 'rejected' || s.lifecycle === 'withdrawn') return { label, state: n < at ? 'done' : n === at ? 'stopped' : 'todo' };
    return { label, state: n < at ? 'done' : n === at ? 'current' : 'todo' };
  });
}

/** What a permit's QR code leads to: the permit as issued, and whether it has since been revoked. */
export interface PermitRecord {
  dossierId: string | null;
  permitNumber: string;
  service: Label;
  holder: string;
  issuedAt: string;
  revoked: { at: string; reason: string } | null;
  /** Who signed it electronically and when (null: signed before permits carried a PAdES signature). */
  signature: PublicSignature | null;
}

/** QR verification of an issued permit of one MPP: anyone holding the code may check it is genuine. */
export async function verifyPermit(db: Queryable, tenant: string, code: string): Promise<PermitRecord | undefined> {
  const { rows } = await db.query<{
    dossier_id: string | null;
    permit_number: string;
    service_name: Label;
    holder_masked: string;
    issued_at: Date;
    revoked_at: Date | null;
    revocation_reason: string | null;
    signature: PublicSignature | null;
  }>(
    `SELECT t.dossier_id, p.permit_number, p.service_name, p.holder_masked, p.issued_at, p.revoked_at, p.revocation_reason, p.signature
       FROM pub_permits p LEFT JOIN pub_tracking t ON t.registration_number = p.registration_number AND t.tenant_id = p.tenant_id
      WHERE p.verification_code = $1 AND p.tenant_id = $2`,
    [code, tenant],
  );
  const r = rows[0];
  return (
    r && {
      dossierId: r.dossier_id,
      permitNumber: r.permit_number,
      service: r.service_name,
      holder: r.holder_masked,
      issuedAt: new Date(r.issued_at).toISOString(),
      revoked: r.revoked_at ? { at: new Date(r.revoked_at).toISOString(), reason: r.revocation_reason ?? '' } : null,
      signature: r.signature ?? null,
    }
  );
}
