import type { Queryable } from '#berkas/sql';
import type { DossierSummary } from '../summary/dossier-summary.js';
import { isOverdue } from '../summary/overdue.js';
import type { QueueItem, QueueOrder, QueuePage } from './views.js';

// A desk's work queue, a page at a time.

/**
 * What waits on a desk, a page at a time: most urgent (earliest step due
 * date) or oldest first, ties broken by dossier id so pages never overlap or
 * skip while nothing moves.
 */
export async function deskQueue(
  db: Queryable,
  tenant: string,
  desk: string,
  options: {
    service?: string;
    order?: QueueOrder;
    now: string;
    limit?: number;
    offset?: number;
    overdueOnly?: boolean;
    /** Only the dossiers this officer holds at the desk. */
    heldBy?: string;
  },
): Promise<QueuePage> {
  const order =
    options.order === 'oldest'
      ? 'step_started_at ASC, registered_at ASC, dossier_id ASC'
      : 'step_due_at ASC NULLS LAST, registered_at ASC, dossier_id ASC';
  const limit = options.limit ?? 50;
  const offset = options.offset ?? 0;
  // rm_desk_queue holds one row per dossier waiting at a desk, indexed (desk, sort columns): the page is an index range.
  // Overdue only: past the step's due date (the same index serves it, led by the desk).
  // One MPP's desk (issue 23): the index is led by the tenant.
  const where = `q.tenant_id = $1 AND q.desk = $2 AND ($3::text IS NULL OR q.service_code = $3)
    AND ($4::timestamptz IS NULL OR q.step_due_at < $4) AND ($5::text IS NULL OR q.held_by = $5)`;
  const late = options.overdueOnly ? options.now : null;
  const filters = [tenant, desk, options.service ?? null, late, options.heldBy ?? null];
  const [{ rows }, counted] = await Promise.all([
    db.query<{ summary: DossierSummary }>(
      `SELECT d.summary FROM (SELECT q.dossier_id, q.step_due_at, q.step_started_at, q.registered_at FROM rm_desk_queue q
          WHERE ${where} ORDER BY ${order.replace(/(\w+) (ASC|DESC)/g, 'q.$1 $2')} LIMIT $6 OFFSET $7) k
        JOIN rm_dossiers d USING (dossier_id) ORDER BY ${order.replace(/(\w+) (ASC|DESC)/g, 'k.$1 $2').replace('k.dossier_id', 'dossier_id')}`,
      [...filters, limit, offset],
    ),
    db.query<{ total: number }>(`SELECT count(*)::int AS total FROM rm_desk_queue q WHERE ${where}`, filters),
  ]);
  const items = rows.map(({ summary: s }) => toQueueItem(s, desk, options.now));
  return { items, total: counted.rows[0]?.total ?? 0, limit, offset };
}

function toQueueItem(s: DossierSummary, desk: string, now: string): QueueItem {
  return {
    dossierId: s.dossierId,
    registrationNumber: s.registrationNumber,
    service: s.service.code,
    applicantName: s.applicant.name,
    publicStatus: s.publicStatus,
    step: s.step && { id: s.step.id, label: s.step.label },
    waitingSince: s.step?.startedAt ?? null,
    stepDueAt: s.step?.due.dueAt ?? null,
    dueAt: s.due.dueAt,
    dueProvisional: s.due.provisional,
    stepDueProvisional: s.step?.due.provisional ?? false,
    overdue: isOverdue(s, now),
    heldBy: s.holders[desk] ?? null,
  };
}
