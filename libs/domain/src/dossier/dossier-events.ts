import type { DueDate } from '../sla/working-calendar.js';
import type { PaymentChannel, SignedDocument } from './dossier-commands.js';

export interface Applicant {
  name: string;
  /** NIK: private, never leaves the officers' side. */
  nik: string;
  /** For notices and for the desks to call; like every field but the masked name, never public. */
  phone?: string;
  email?: string;
  /** NIB (Nomor Induk Berusaha, 13 digits from OSS): a business applicant's number. */
  nib?: string;
  /** The language the applicant reads notices in (Bahasa unless they chose English). */
  language?: 'id' | 'en';
  /** The applicant agreed to notices about this dossier at the phone and e-mail above (none are sent without it). */
  notices?: boolean;
}

/** What a complaint is about: the kinds the MPP's complaint desk sorts them into. */
export const COMPLAINT_CATEGORIES = ['delay', 'fee', 'service', 'requirements', 'other'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

export interface FeeLine {
  code: string;
  label: { id: string; en: string };
  amount: number; // whole Rupiah
  /** How the amount was reached, as printed under the line (PBG: LLt x It x Ilo x SHST with the figures). */
  detail?: string;
  /** A refundable deposit (removal bond): paid with the bill, returned later; not a fee or tax. */
  refundable?: boolean;
}

/** Particulars as the counter took them down: a choice's option code, a number or a text. */
export type Particulars = Record<string, string | number>;

/** A renewal or amendment's previous permit, as the register holds it. */
export interface PreviousPermit {
  permitNumber: string;
  registrationNumber: string;
  issuedAt: string;
  /** When it lapses, for a permit with a validity period. */
  validUntil?: string;
}

export type StepOutcome = 'forward' | 'reject';

type Event<T extends string, D> = { type: T; data: D };

/** Every fact in a dossier's life. Who and when travel in the event metadata. */
export type DossierEvent =
  | Event<
      'DossierRegistered',
      {
        dossierId: string;
        registrationNumber: string;
        service: { code: string; version: number };
        applicant: Applicant;
        requirements: string[];
        inputs: Record<string, number>;
        /** From the version that took particulars and variants; absent before (no particulars, a new application). */
        particulars?: Particulars;
        variant?: string;
        previousPermit?: PreviousPermit;
        /** Handed in online (issue 22): the draft's number, which the applicant followed until it was accepted. */
        draft?: string;
        /** The MPP it was registered at (issue 23); absent before tenants existed: the home tenant's. */
        tenant?: string;
        registeredAt: string;
        due: DueDate;
      }
    >
  | Event<
      'StepStarted',
      {
        stepId: string;
        stepIndex: number;
        desks: string[];
        due: DueDate;
        rejectionRecommended: boolean;
        /** Conditional steps passed by on the way here because their condition did not hold for the dossier (issue 23). */
        skipped?: string[];
      }
    >
  /** A desk sent the dossier back to an earlier desk with its reasons (issue 23); the StepStarted after it restarts that step. */
  | Event<'DossierSentBack', { stepId: string; desk: string; toStepId: string; reasons: string[] }>
  /**
   * A supervisor or administrator moved the dossier to another version of its service (issue 23): the step it was at
   * maps to `to.stepId` there (the StepStarted after it), the service deadline is the new version's from the
   * registration, and what the new version asks that the dossier lacked was given (`particulars`, `inputs`) or is
   * listed (`requirementsMissing`). Undone only by another migration.
   */
  | Event<
      'DossierMigrated',
      {
        from: { version: number; stepId: string };
        to: { version: number; stepId: string };
        reason: string;
        /** The batch it ran in, when a batch was migrated at once. */
        batch?: string;
        due: DueDate;
        particulars?: Particulars;
        inputs?: Record<string, number>;
        requirementsMissing: string[];
        /** The fee under each version for the dossier's data, when none is assessed yet; an issued SKRD stands (`kept`). */
        fee: { before?: number; after?: number; kept?: string };
      }
    >
  /** Operator repair (issue 23): a supervisor moved the dossier to another step, or repeated its step, with the reason. */
  | Event<'DossierStepRepaired', { fromStepId: string; toStepId: string; repeat: boolean; reason: string }>
  | Event<'StepCompleted', { stepId: string; desk: string; outcome: StepOutcome; note?: string; reasons?: string[] }>
  | Event<'DossierClaimed', { stepId: string; desk: string; officerId: string }>
  | Event<'DossierReleased', { stepId: string; desk: string; officerId: string }>
  | Event<'DossierReassigned', { stepId: string; desk: string; fromOfficerId?: string; toOfficerId: string; reason: string }>
  | Event<'DossierReturnedForCorrection', { stepId: string; desk: string; reasons: string[]; clockPaused: boolean }>
  | Event<
      'CorrectionsResubmitted',
      { stepId: string; desk: string; note: string; pausedWorkingDays: number; due: DueDate; stepDue: DueDate }
    >
  | Event<'InspectionScheduled', { stepId: string; desk: string; scheduledFor: string; inspector?: string; note?: string }>
  | Event<'InspectionRecorded', { stepId: string; desk: string; result: 'passed' | 'failed'; reportNumber: string; findings: string }>
  | Event<'RecommendationRecorded', { stepId: string; desk: string; positive: boolean; note: string }>
  | Event<
      'FeeAssessed',
      {
        stepId: string;
        desk: string;
        skrdNumber: string;
        lines: FeeLine[];
        total: number;
        inputs: Record<string, number>;
        /** SKRD for a levy (retribusi), SKPD for a tax; SKRD when absent (before taxes were told apart). */
        document?: 'SKRD' | 'SKPD';
        /** The region's tariff the bill read, cited (PBG's SHST and Ilo, a tax's rate). */
        tariffBasis?: string[];
        /** Present when the fee is waived on a legal ground the service definition lists. */
        exemption?: { code: string; label: { id: string; en: string }; legalBasis: string; reason: string };
      }
    >
  /** An SKRD issued wrong, cancelled before anything was paid on it; it stays in the trail and a new one can be issued. */
  | Event<'FeeAssessmentCancelled', { stepId: string; desk: string; skrdNumber: string; total: number; reason: string }>
  | Event<'PaymentRecorded', { reference: string; amount: number; channel: PaymentChannel; paidTotal: number; outstanding: number }>
  /** A payment recorded wrong, corrected by a supervisor; the recording stays in the trail beside it. */
  | Event<
      'PaymentCorrected',
      {
        reference: string;
        channel: PaymentChannel;
        previousAmount: number;
        amount: number;
        reason: string;
        paidTotal: number;
        outstanding: number;
      }
    >
  /** From this version on the approval carries the permit's number and verification code (before: at issuance). */
  | Event<'DossierApproved', { stepId: string; desk: string; note?: string; permitNumber?: string; verificationCode?: string }>
  | Event<'DossierRejected', { stepId: string; desk: string; reasons: string[]; letterNumber: string }>
  | Event<'PermitSigned', { stepId: string; desk: string; document?: SignedDocument }>
  | Event<'PermitIssued', { stepId: string; desk: string; permitNumber: string; verificationCode: string }>
  | Event<'PermitHandedOver', { stepId: string; desk: string; receivedBy: string }>
  | Event<'DossierWithdrawn', { reason: string; atStepId?: string }>
  /** An issued permit withdrawn by the authority (pencabutan izin): its QR code then says so. */
  | Event<'PermitRevoked', { permitNumber: string; reason: string }>
  /** A complaint (pengaduan) about this dossier, with the working day by which the MPP must answer. */
  | Event<'ComplaintFiled', { complaintNumber: string; category: ComplaintCategory; text: string; respondBy: string }>
  | Event<'ComplaintAnswered', { complaintNumber: string; answer: string; duplicateOf?: string }>
  /** Fiktif positif: the SLA lapsed without a decision, so the law deems the application approved. */
  | Event<'ReceiptReprinted', { reason: string }>
  /**
   * A file of the dossier (a requirement's scan, a drawing), stored by its SHA-256 before this event; `replaces`:
   * the earlier file it takes the place of (which stays in the trail). `desk`: where it was handed in (absent: the counter).
   */
  | Event<'DocumentAttached', DocumentFacts>
  /**
   * The files' retention ran out (the service's `retention`, counted from closing): the files handed in are
   * disposed of, the event trail and the papers issued stay. `files`: the hashes released.
   */
  | Event<'RetentionApplied', { files: string[]; filesYears: number; basis: string; closedAt: string }>
  /** The refundable deposit billed with the tax (a removal bond) paid back to the holder: money out, kept in the trail. */
  | Event<'DepositRefunded', { code: string; label: { id: string; en: string }; amount: number; reference: string; reason: string }>
  | Event<'DossierDeemedApproved', { atStepId: string; dueAt: string; permitNumber?: string; verificationCode?: string }>;

/** A file as the dossier records it: for which requirement, what it is called and is, and its bytes' hash. */
export interface DocumentFacts {
  requirement: string;
  name: string;
  contentType: 'application/pdf' | 'image/jpeg' | 'image/png';
  size: number;
  sha256: string;
  replaces?: string;
  desk?: string;
}

export type DossierEventType = DossierEvent['type'];
export type EventOf<T extends DossierEventType> = Extract<DossierEvent, { type: T }>;

/** Every event type, for whoever must cover them all (the console's translations, for one). */
export const DOSSIER_EVENT_TYPES = [
  'DossierRegistered',
  'StepStarted',
  'StepCompleted',
  'DossierClaimed',
  'DossierReleased',
  'DossierReassigned',
  'DossierReturnedForCorrection',
  'CorrectionsResubmitted',
  'InspectionScheduled',
  'InspectionRecorded',
  'RecommendationRecorded',
  'FeeAssessed',
  'FeeAssessmentCancelled',
  'PaymentRecorded',
  'PaymentCorrected',
  'DossierApproved',
  'DossierRejected',
  'PermitSigned',
  'PermitIssued',
  'PermitHandedOver',
  'DossierWithdrawn',
  'PermitRevoked',
  'ComplaintFiled',
  'ComplaintAnswered',
  'DossierDeemedApproved',
  'ReceiptReprinted',
  'DepositRefunded',
  'DocumentAttached',
  'RetentionApplied',
  'DossierSentBack',
  'DossierMigrated',
  'DossierStepRepaired',
] as const satisfies readonly DossierEventType[];
// The list is complete: a new event type that is not in it fails to compile here.
const _everyTypeListed: Exclude<DossierEventType, (typeof DOSSIER_EVENT_TYPES)[number]> extends never ? true : never = true;
void _everyTypeListed;
