import type { Label } from '#berkas/domain';
import type { DossierSummary, Lifecycle } from '../summary/summary.types.js';

export type { DossierSummary, Lifecycle };

// What the officers' reads answer, as types only: no I/O, no framework. The queries build these; the console
// imports them (`#berkas/read-models/views`, type-only, nothing bundled) instead of keeping its own copies.

/** A page of a list, with the total of the whole list. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface QueueItem {
  dossierId: string;
  registrationNumber: string;
  service: string;
  applicantName: string;
  publicStatus: string;
  step: { id: string; label: { id: string; en: string } } | null;
  waitingSince: string | null;
  stepDueAt: string | null;
  dueAt: string;
  dueProvisional: boolean;
  stepDueProvisional: boolean;
  overdue: boolean;
  heldBy: string | null;
}

export type QueueOrder = 'urgent' | 'oldest';

/** A queue page; `total` counts the dossiers waiting in all (with the same filter). */
export type QueuePage = Page<QueueItem>;

export interface SearchItem {
  dossierId: string;
  registrationNumber: string;
  service: string;
  applicantName: string;
  permitNumber: string | null;
  lifecycle: Lifecycle;
  publicStatus: string;
  step: { id: string; label: { id: string; en: string } } | null;
  pendingDesks: string[];
  registeredAt: string;
  dueAt: string;
  overdue: boolean;
}

/** A search page; `total` counts every match this officer may see. */
export type SearchPage = Page<SearchItem>;

export interface ReturnedItem {
  dossierId: string;
  registrationNumber: string;
  service: string;
  applicantName: string;
  applicantPhone: string | null;
  /** The desk that returned it, which gets it back on resubmission. */
  desk: string;
  reasons: string[];
  returnedAt: string;
  registeredAt: string;
}

export interface HistoryEntry {
  version: number;
  type: string;
  at: string;
  officerId: string | null;
  data: Record<string, unknown>;
}

/** One dossier for officers: its summary, its version (the ETag), whether it is late, and its audit trail. */
export type DossierDetail = DossierSummary & { version: number; overdue: boolean; history: HistoryEntry[] };

/** A step past the share of its time (`due-soon`), past its due date (`overdue`), or a fiktif positif deadline tomorrow. */
export type EscalationKind = 'due-soon' | 'overdue' | 'fiktif-positif-tomorrow';

export interface Escalation {
  id: string;
  dossierId: string;
  registrationNumber: string;
  service: { code: string; name: Label };
  kind: EscalationKind;
  step: { id: string; label: Label } | null;
  desks: string[];
  dueAt: string;
  createdAt: string;
  read: { at: string; by: string } | null;
  /** Whether the dossier is still where the notice found it (same step, not decided); a notice about a past state is kept. */
  current: boolean;
}

/** One MPP's figures over a period, as an overseer reads them. */
export interface TenantFigures {
  tenant: string;
  /** Registered in the period. */
  registered: number;
  /** Decided or closed in the period (withdrawals aside), and how many of those by their due date. */
  closed: number;
  closedOnTime: number;
  /** Percent with one decimal; null when nothing closed in the period. */
  onTimeRate: number | null;
  /** Open now: in process, with the applicant for corrections, or issued and not yet collected. */
  backlog: number;
  /** Open now and past the service's or the step's due date. */
  overdueOpen: number;
  /** The SKM answers of the period, and the IKM they make (the nine elements' average × 25; null without answers). */
  respondents: number;
  ikm: number | null;
}

/** What an overseer's page reads (GET /api/aggregates): the period, their province (null: every MPP), each MPP's figures. */
export interface Aggregates {
  from: string;
  to: string;
  oversees: string | null;
  items: (TenantFigures & { name: string; province: string | null; timeZone: string })[];
}
