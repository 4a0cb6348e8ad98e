import type { Applicant, ComplaintCategory, DocumentFacts, Particulars, PreviousPermit } from './dossier-events.js';

/** `system`: the SLA sweep, acting on behalf of the law (fiktif positif). */
/**
 * `overseer`: a provincial or national overseer (issue 23), who reads figures across the MPPs of a deployment (on-time
 * rate, backlog, IKM) and nothing else: no dossier, no name, no command.
 */
export type Role = 'front-desk' | 'processor' | 'supervisor' | 'admin' | 'system' | 'overseer';

/** A document signed inside its PDF (PAdES), as the event records it: the file is kept by its hash. */
export interface SignedDocument {
  /** SHA-256 of the signed PDF, hex. */
  sha256: string;
  /** The signature's certificate. */
  certificate: { subject: string; issuer: string; serialNumber: string; sha256: string; notAfter: string };
  /** The signing official as the document names them. */
  official: { name: string; nip: string; title: string };
  signedAt: string;
  /** Signed with the demo certificate `npm start` makes, not one a certification authority issued. */
  demo: boolean;
}

/** Where a payment came in: the MPP's own cashier, a bank transfer or virtual account, or QRIS. */
export type PaymentChannel = 'cashier' | 'bank' | 'qris';

/** The officer behind a command, as authenticated at the edge. */
export interface Actor {
  officerId: string;
  role: Role;
  desks: string[];
  /** The MPP the officer works for (issue 23); none for the jobs acting for the law, which act in the dossier's own. */
  tenant?: string;
}

/**
 * The applicant, acting from the public page with the registration number and PIN (issue 22): the corrections
 * they upload are attached and resubmitted in their name by the intake, never by an officer.
 */
export const ONLINE_APPLICANT: Actor = { officerId: 'applicant-online', role: 'system', desks: [] };

export const isOnlineApplicant = (actor: Actor): boolean => actor.role === 'system' && actor.officerId === ONLINE_APPLICANT.officerId;

/** The job that applies the files' retention once it runs out (issue 22). */
export const RETENTION_JOB: Actor = { officerId: 'system-retention', role: 'system', desks: [] };

/** Time, identity and idempotency key come in with the command; the decider reads no clock. */
export interface CommandMetadata {
  commandId: string;
  actor: Actor;
  at: string;
}

type Command<T extends string, D> = { type: T; data: D; metadata: CommandMetadata };
/** For steps worked by several desks at once, which of them acts. */
type AtDesk = { desk?: string };

export type DossierCommand =
  | Command<
      'RegisterDossier',
      {
        dossierId: string;
        applicant: Applicant;
        requirements: string[];
        inputs: Record<string, number>;
        particulars?: Particulars;
        /** New unless given; a renewal or amendment names the previous permit, looked up in the register by the caller. */
        variant?: string;
        previousPermit?: PreviousPermit & { serviceCode: string; holderNik: string; revoked: boolean };
        /** The online application (draft) this registers, when the applicant handed it in on the public page. */
        draft?: string;
        /** The MPP registering it (issue 23): stamped by the command path from the officer's tenant, never from a request body. */
        tenant?: string;
      }
    >
  | Command<'ClaimDossier', AtDesk>
  | Command<'ReleaseDossier', AtDesk>
  | Command<'ReassignDossier', { desk?: string; toOfficerId: string; reason: string }>
  | Command<'CompleteStep', AtDesk & { outcome: 'forward' | 'reject'; note?: string; reasons?: string[] }>
  | Command<'ReturnForCorrection', AtDesk & { reasons: string[] }>
  | Command<'ResubmitCorrections', { note: string }>
  | Command<'ApplyRetention', Record<string, never>>
  /** A site inspection on a working day from today on, by the named inspector. */
  | Command<'ScheduleInspection', AtDesk & { scheduledFor: string; inspector?: string; note?: string }>
  | Command<'RecordInspection', AtDesk & { result: 'passed' | 'failed'; reportNumber: string; findings: string }>
  | Command<'RecordRecommendation', AtDesk & { positive: boolean; note: string }>
  | Command<'AssessFee', { inputs?: Record<string, number>; exemption?: { code: string; reason: string } }>
  | Command<'CancelFeeAssessment', { reason: string }>
  | Command<'RecordPayment', { reference: string; amount: number; channel: PaymentChannel }>
  /** A supervisor's correction of a payment keyed in wrong: the amount it really was (0: it never came), with the reason. */
  | Command<'CorrectPayment', { reference: string; channel: PaymentChannel; amount: number; reason: string }>
  /** The permit number is drawn here (the decision's number); the verification code behind its QR comes with it. */
  | Command<'ApproveDossier', { note?: string; verificationCode?: string }>
  | Command<'RejectDossier', { reasons: string[] }>
  /** The signing official signs the numbered permit; `document` is the PAdES-signed file the desk made and kept first. */
  | Command<'SignPermit', { document?: SignedDocument }>
  | Command<'IssuePermit', { verificationCode: string }>
  | Command<'HandOverPermit', { receivedBy: string }>
  | Command<'WithdrawDossier', { reason: string }>
  /** A lost receipt printed again at the counter (the same number and PIN), with the reason kept in the trail. */
  | Command<'ReprintReceipt', { reason: string }>
  /** A stored file attached to a requirement of the dossier (the file is in the store before the command runs). */
  | Command<'AttachDocument', Omit<DocumentFacts, 'desk'>>
  | Command<'RevokePermit', { reason: string }>
  /** A supervisor records that the refundable deposit (the removal bond) was paid back, with the transfer's reference. */
  | Command<'RefundDeposit', { reference: string; reason: string }>
  /** Taken in from the public page by the system (the applicant proved the PIN there); the deadline comes with it. */
  | Command<'FileComplaint', { complaintNumber: string; category: ComplaintCategory; text: string; respondBy: string }>
  /** `duplicateOf`: the complaint is closed as the same as another of this dossier's; `answer` says why. */
  | Command<'AnswerComplaint', { complaintNumber: string; answer: string; duplicateOf?: string }>
  | Command<'RecordDeemedApproval', { verificationCode?: string }>
  /** Issue 23: a desk sends the dossier back to an earlier review step, with the reasons. */
  | Command<'SendBack', AtDesk & { toStepId: string; reasons: string[] }>
  /**
   * Issue 23: move a running dossier to another version of its service; its step maps by id unless `stepMapping`
   * says otherwise; `particulars` and `inputs` give what the new version asks that the dossier lacks.
   */
  | Command<
      'MigrateDossier',
      {
        toVersion: number;
        stepMapping?: Record<string, string>;
        reason: string;
        batch?: string;
        particulars?: Particulars;
        inputs?: Record<string, number>;
      }
    >
  /** Issue 23, operator repair: move the dossier to another step of its definition, or repeat its step, with the reason. */
  | Command<'RepairStep', { toStepId: string; reason: string }>;

export type DossierCommandType = DossierCommand['type'];
export type CommandOf<T extends DossierCommandType> = Extract<DossierCommand, { type: T }>;
