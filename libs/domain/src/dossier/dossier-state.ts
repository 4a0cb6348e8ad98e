import type { DueDate } from '../sla/working-calendar.js';
import type { DossierEvent, Particulars, PreviousPermit } from './dossier-events.js';
import type { PaymentChannel, SignedDocument } from './dossier-commands.js';
import { normalizeReference } from './fee.js';

export type DossierStatus = 'none' | 'in-process' | 'returned' | 'issued' | 'handed-over' | 'rejected' | 'withdrawn' | 'revoked';

export interface DossierState {
  status: DossierStatus;
  dossierId: string;
  /** The MPP the dossier was registered at (issue 23); absent: registered before tenants existed (the home tenant's). */
  tenant?: string;
  registrationNumber: string;
  service: { code: string; version: number };
  inputs: Record<string, number>;
  particulars: Particulars;
  /** New, renewal or amendment, and the permit a renewal or amendment starts from. */
  variant: string;
  previousPermit?: PreviousPermit;
  stepIndex: number;
  /** When the current step started: a migration that keeps the step counts its new days from here. */
  stepStartedAt?: string;
  /** When the dossier was registered, and the working days its clock stood still with the applicant: a migration recounts the deadline from them. */
  registeredAt?: string;
  pausedWorkingDays?: number;
  stepDue: DueDate;
  due: DueDate;
  rejectionRecommended: boolean;
  /** desk -> officer holding the dossier there. */
  holders: Record<string, string>;
  /** desk -> positive? for the current parallel review. */
  recommendations: Record<string, boolean>;
  inspection: { scheduledFor: string; result?: 'passed' | 'failed' } | undefined;
  returnedAt: string | undefined;
  fee:
    | {
        skrdNumber: string;
        total: number;
        paid: number;
        payments: Payment[];
        exempt: boolean;
        /** The refundable line of the bill (a removal bond), and whether it has been paid back. */
        deposit?: { code: string; label: { id: string; en: string }; amount: number; refunded: boolean };
      }
    | undefined;
  approved: boolean;
  /** The number printed on the permit: drawn at the approval (before: at issuance). */
  permitNumber?: string;
  /** The code behind the permit's QR, from the approval (before: at issuance). */
  verificationCode?: string;
  /** The signed permit, once the official has signed it. */
  signedDocument?: SignedDocument;
  /** Who did the duties that must be kept apart (separation of duties): steps completed, the decision, the signature. */
  doneBy?: { steps: Record<string, string>; decision?: string; signature?: string };
  /** Complaints by number, and whether each has been answered. */
  complaints?: Record<string, { answered: boolean }>;
  /** The files attached, by hash: their requirement, and whether a later file took their place. */
  documents?: Record<string, { requirement: string; size: number; replaced: boolean }>;
  /** When the dossier left the desks for good (handed over, rejected, withdrawn, revoked): the retention counts from it. */
  closedAt?: string;
  /** The files' retention ran out and was applied (RetentionApplied): they are gone from the store. */
  retentionApplied?: boolean;
}

/** A payment on the SKRD as it stands (a correction changes its amount; the trail keeps both). */
export interface Payment {
  /** As banks read it (normalizeReference). */
  reference: string;
  channel: PaymentChannel;
  amount: number;
}

const NO_DUE: DueDate = { dueAt: '', provisional: false };

export const initialState = (): DossierState => ({
  status: 'none',
  dossierId: '',
  registrationNumber: '',
  service: { code: '', version: 0 },
  inputs: {},
  particulars: {},
  variant: 'baru',
  stepIndex: -1,
  stepDue: NO_DUE,
  due: NO_DUE,
  rejectionRecommended: false,
  holders: {},
  recommendations: {},
  inspection: undefined,
  returnedAt: undefined,
  fee: undefined,
  approved: false,
});

/** Folds one event into the state. `at` is the event's recorded time; `by` the officer whose command recorded it. */
export function evolve(state: DossierState, event: DossierEvent, at: string, by?: string): DossierState {
  const next = fold(state, event, at);
  return by ? withDuty(next, event, by) : next;
}

/** Keeps who completed each step, decided and signed: the decider keeps those hands apart (ensureSeparateDuties). */
function withDuty(state: DossierState, event: DossierEvent, by: string): DossierState {
  const done = state.doneBy ?? { steps: {} };
  switch (event.type) {
    case 'StepCompleted':
      return { ...state, doneBy: { ...done, steps: { ...done.steps, [event.data.stepId]: by } } };
    case 'DossierApproved':
    case 'DossierRejected':
      return { ...state, doneBy: { ...done, decision: by } };
    case 'PermitSigned':
      return { ...state, doneBy: { ...done, signature: by } };
    default:
      return state;
  }
}

function fold(state: DossierState, event: DossierEvent, at: string): DossierState {
  switch (event.type) {
    case 'DossierRegistered':
      return {
        ...state,
        status: 'in-process',
        dossierId: event.data.dossierId,
        registrationNumber: event.data.registrationNumber,
        ...(event.data.tenant ? { tenant: event.data.tenant } : {}),
        service: event.data.service,
        inputs: event.data.inputs,
        particulars: event.data.particulars ?? {},
        variant: event.data.variant ?? 'baru',
        ...(event.data.previousPermit ? { previousPermit: event.data.previousPermit } : {}),
        registeredAt: event.data.registeredAt,
        due: event.data.due,
      };
    case 'StepStarted':
      return {
        ...state,
        stepIndex: event.data.stepIndex,
        stepStartedAt: at,
        stepDue: event.data.due,
        rejectionRecommended: event.data.rejectionRecommended,
        holders: {},
        recommendations: {},
        inspection: undefined,
      };
    case 'StepCompleted':
      return state;
    case 'DossierClaimed':
      return { ...state, holders: { ...state.holders, [event.data.desk]: event.data.officerId } };
    case 'DossierReleased': {
      const holders = { ...state.holders };
      delete holders[event.data.desk];
      return { ...state, holders };
    }
    case 'DossierReassigned':
      return { ...state, holders: { ...state.holders, [event.data.desk]: event.data.toOfficerId } };
    case 'DossierReturnedForCorrection':
      return { ...state, status: 'returned', returnedAt: at };
    case 'CorrectionsResubmitted':
      return {
        ...state,
        status: 'in-process',
        returnedAt: undefined,
        due: event.data.due,
        stepDue: event.data.stepDue,
        pausedWorkingDays: (state.pausedWorkingDays ?? 0) + event.data.pausedWorkingDays,
      };
    case 'DossierSentBack':
    case 'DossierStepRepaired':
      // The StepStarted that follows puts the dossier at its new step.
      return state;
    case 'DossierMigrated':
      return {
        ...state,
        service: { ...state.service, version: event.data.to.version },
        due: event.data.due,
        particulars: { ...state.particulars, ...event.data.particulars },
        inputs: { ...state.inputs, ...event.data.inputs },
      };
    case 'InspectionScheduled':
      return { ...state, inspection: { scheduledFor: event.data.scheduledFor } };
    case 'InspectionRecorded':
      return { ...state, inspection: { scheduledFor: state.inspection?.scheduledFor ?? '', result: event.data.result } };
    case 'RecommendationRecorded':
      return { ...state, recommendations: { ...state.recommendations, [event.data.desk]: event.data.positive } };
    case 'FeeAssessed':
      return {
        ...state,
        // The fee desk may measure again: the inputs the bill was computed from are the dossier's from then on.
        ...(Object.keys(event.data.inputs).length ? { inputs: event.data.inputs } : {}),
        fee: {
          skrdNumber: event.data.skrdNumber,
          total: event.data.total,
          paid: 0,
          payments: [],
          exempt: Boolean(event.data.exemption),
          ...depositOf(event.data.lines),
        },
      };
    case 'FeeAssessmentCancelled':
      return { ...state, fee: undefined };
    case 'PaymentRecorded':
      return {
        ...state,
        fee: state.fee && {
          ...state.fee,
          paid: event.data.paidTotal,
          payments: [
            ...state.fee.payments,
            { reference: normalizeReference(event.data.reference), channel: event.data.channel, amount: event.data.amount },
          ],
        },
      };
    case 'PaymentCorrected': {
      const { reference, channel, amount, paidTotal } = event.data;
      return {
        ...state,
        fee: state.fee && {
          ...state.fee,
          paid: paidTotal,
          payments: state.fee.payments.map((p) => (p.reference === reference && p.channel === channel ? { ...p, amount } : p)),
        },
      };
    }
    case 'DossierApproved':
    case 'DossierDeemedApproved': {
      const { permitNumber, verificationCode } = event.data;
      return {
        ...state,
        approved: true,
        ...(permitNumber ? { permitNumber } : {}),
        ...(verificationCode ? { verificationCode } : {}),
      };
    }
    case 'DossierRejected':
      return { ...state, status: 'rejected', closedAt: at };
    case 'PermitSigned':
      return event.data.document ? { ...state, signedDocument: event.data.document } : state;
    case 'PermitIssued':
      return { ...state, status: 'issued', permitNumber: event.data.permitNumber };
    case 'PermitHandedOver':
      return { ...state, status: 'handed-over', closedAt: at };
    case 'DossierWithdrawn':
      return { ...state, status: 'withdrawn', closedAt: at };
    case 'PermitRevoked':
      return { ...state, status: 'revoked', closedAt: at };
    case 'RetentionApplied':
      return { ...state, retentionApplied: true };
    case 'ComplaintFiled':
      return { ...state, complaints: { ...state.complaints, [event.data.complaintNumber]: { answered: false } } };
    case 'ComplaintAnswered':
      return { ...state, complaints: { ...state.complaints, [event.data.complaintNumber]: { answered: true } } };
    case 'ReceiptReprinted':
      return state;
    case 'DocumentAttached': {
      const documents = {
        ...state.documents,
        [event.data.sha256]: { requirement: event.data.requirement, size: event.data.size, replaced: false },
      };
      if (event.data.replaces && documents[event.data.replaces])
        documents[event.data.replaces] = { ...documents[event.data.replaces], replaced: true };
      return { ...state, documents };
    }
    case 'DepositRefunded':
      return { ...state, fee: state.fee?.deposit && { ...state.fee, deposit: { ...state.fee.deposit, refunded: true } } };
  }
}

/** The refundable line of a bill, as the state keeps it. */
function depositOf(lines: { code: string; label: { id: string; en: string }; amount: number; refundable?: boolean }[]) {
  const line = lines.find((l) => l.refundable);
  return line ? { deposit: { code: line.code, label: line.label, amount: line.amount, refunded: false } } : {};
}
