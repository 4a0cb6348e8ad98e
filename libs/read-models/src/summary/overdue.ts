import type { DossierSummary } from './dossier-summary.js';

/**
 * The one overdue rule, for officers' queues and the public page alike: a
 * dossier is late when its step or its whole deadline has passed, never while
 * it is with the applicant or once it is closed.
 */
export function isOverdue(s: DossierSummary, now: string): boolean {
  if (s.closedAt || s.lifecycle === 'returned') return false;
  const stepLate = s.step ? s.step.due.dueAt < now && s.lifecycle === 'in-process' : false;
  return stepLate || s.due.dueAt < now;
}
