import type { DossierSummary } from './dossier-summary.js';

/**
 * The one overdue rule, for officers' queues and the public page alike: a
 * dossier is late when its step or its whole deadline has passed, never while
 * it is with the applicant or once it is closed; an issued permit only when
 * the applicant's time to collect it has passed.
 */
export function isOverdue(s: DossierSummary, now: string): boolean {
  if (s.closedAt || s.lifecycle === 'returned') return false;
  const stepLate = s.step ? s.step.due.dueAt < now : false;
  // Issued: the service's deadline was met or missed at issuance; what is left is the applicant's time to collect
  // (the handover step's), after which the front desk follows up (issue 21: every uncollected permit read as late).
  if (s.lifecycle === 'issued') return stepLate;
  return (stepLate && s.lifecycle === 'in-process') || s.due.dueAt < now;
}
