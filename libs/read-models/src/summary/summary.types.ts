import type {
  Applicant,
  DocumentFacts,
  DueDate,
  FeeLine,
  Label,
  Particulars,
  PreviousPermit,
  PublicStatus,
  SignedDocument,
  StepKind,
} from '#berkas/domain';

// The summary of one dossier as types only (no I/O, no framework), so the console can import it type-only.

/** Where a dossier is in its life. */
export type Lifecycle = 'in-process' | 'returned' | 'issued' | 'handed-over' | 'rejected' | 'withdrawn' | 'revoked';

/** Everything the read side knows about one dossier; the public view is a subset. */
export interface DossierSummary {
  dossierId: string;
  /** The MPP it was registered at (issue 23); absent: registered before tenants existed, the home tenant's. */
  tenant?: string;
  registrationNumber: string;
  service: { code: string; version: number; name: Label; fiktifPositif: boolean };
  applicant: Applicant;
  applicantMasked: string;
  /** Requirement codes received at the counter (absent in summaries projected before it was kept: rebuild to fill). */
  requirements?: string[];
  /** The measured quantities the fee and the permit's particulars come from (as registered, then as assessed). */
  inputs?: Record<string, number>;
  /** What the counter took down about the object (address, function, floors...), as registered; absent before particulars were kept. */
  particulars?: Particulars;
  /** New, renewal or amendment (absent: new), and the permit a renewal or amendment starts from. */
  variant?: string;
  previousPermit?: PreviousPermit;
  lifecycle: Lifecycle;
  publicStatus: PublicStatus;
  registeredAt: string;
  due: DueDate;
  step: {
    id: string;
    index: number;
    kind: StepKind;
    label: Label;
    desks: string[];
    pendingDesks: string[];
    startedAt: string;
    due: DueDate;
  } | null;
  holders: Record<string, string>;
  /**
   * Where the dossier left the straight line of its steps (issue 23): sent back by a desk, moved to another version
   * of its service, or moved or repeated by a supervisor's repair, each with when and why.
   */
  route?: RouteChange[];
  rejectionRecommended: boolean;
  /**
   * The last return for corrections: `clockPaused` whether the service's clock stops while the dossier is with the
   * applicant (absent in summaries folded before it was kept), and once resubmitted, the working days it added.
   */
  correction: {
    desk: string;
    reasons: string[];
    returnedAt: string;
    clockPaused?: boolean;
    resubmittedAt?: string;
    pausedWorkingDays?: number;
  } | null;
  inspection: { scheduledFor: string; inspector?: string; result?: string; reportNumber?: string } | null;
  recommendations: { stepId: string; desk: string; positive: boolean; note: string }[];
  fee: {
    skrdNumber: string;
    lines: FeeLine[];
    total: number;
    paid: number;
    outstanding: number;
    /** The refundable deposit paid back (the removal bond), once a supervisor recorded it. */
    depositRefund?: { amount: number; reference: string; reason: string; at: string };
    /** SKRD (a levy) or SKPD (a tax); absent: SKRD. */
    document?: 'SKRD' | 'SKPD';
    /** The region's tariff regulations the bill read. */
    tariffBasis?: string[];
    /** When the SKRD was issued (absent on rows written before). */
    assessedAt?: string;
    /** Payments on this SKRD as they stand, oldest first (absent on rows written before payments were listed). */
    payments?: SummaryPayment[];
  } | null;
  /** SKRDs cancelled for correction, oldest first (absent before the first cancellation). */
  cancelledFees?: { skrdNumber: string; total: number; reason: string; at: string }[];
  decision: {
    approved: boolean;
    at: string;
    deemed?: boolean;
    reasons?: string[];
    letterNumber?: string;
    /** The permit's number and verification code, drawn with the approval (absent on approvals before that). */
    permitNumber?: string;
    verificationCode?: string;
  } | null;
  permit: {
    number: string;
    verificationCode: string;
    issuedAt: string;
    signedAt?: string;
    /** The PAdES-signed file and who signed it (absent on permits signed before documents were signed). */
    signature?: SignedDocument;
    handedOverAt?: string;
    revoked?: { at: string; reason: string };
  } | null;
  withdrawal: { reason: string; at: string } | null;
  /** Complaints about the dossier, oldest first, with the answer once given (absent before the first). */
  complaints?: {
    number: string;
    category: string;
    text: string;
    filedAt: string;
    respondBy: string;
    answer?: string;
    answeredAt?: string;
    /** Closed as the same as this other complaint of the dossier (`answer` says why). */
    duplicateOf?: string;
  }[];
  /** The dossier's files in the order attached (absent before the first): a replaced one keeps `replacedAt`. */
  documents?: (DocumentFacts & { by: string; at: string; replacedAt?: string; disposedAt?: string })[];
  /** The files' retention ran out and was applied: when, after how many years, on what basis. */
  retention?: { appliedAt: string; filesYears: number; basis: string };
  closedAt: string | null;
}

/** A payment on the SKRD; a supervisor's correction changes its amount and keeps what it was. */
export interface SummaryPayment {
  reference: string;
  channel: 'cashier' | 'bank' | 'qris';
  amount: number;
  at: string;
  corrected?: { from: number; reason: string; at: string };
}

/** One change of a dossier's route (issue 23). */
export type RouteChange =
  | { kind: 'sent-back'; at: string; fromStepId: string; toStepId: string; desk: string; reasons: string[] }
  | { kind: 'migrated'; at: string; from: { version: number; stepId: string }; to: { version: number; stepId: string }; reason: string }
  | { kind: 'moved' | 'repeated'; at: string; fromStepId: string; toStepId: string; reason: string };
