import type { Queryable } from '#berkas/sql';
import type { DossierSummary } from '../summary/dossier-summary.js';
import { isOverdue } from '../summary/overdue.js';
import type { SearchPage } from './views.js';

// Search by registration number, applicant name or NIK.

/** LIKE's wildcards in what an officer typed are meant literally. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Dossiers by registration number or permit number (from the start, any case)
 * or by any part of the applicant's name, newest first, ties by id so pages
 * never overlap. `desks` limits the search to dossiers that have reached one
 * of those desks (a processor's need to know, D14); undefined searches all.
 */
export async function searchDossiers(
  db: Queryable,
  tenant: string,
  text: string,
  options: { desks?: string[]; service?: string; now: string; limit?: number; offset?: number },
): Promise<SearchPage> {
  const limit = options.limit ?? 50;
  const offset = options.offset ?? 0;
  const term = likeLiteral(text.trim().toLowerCase());
  const where = `d.tenant_id = $4 AND (lower(d.registration_number) LIKE $1 || '%' OR lower(d.permit_number) LIKE $1 || '%'
      OR lower(d.applicant_name) LIKE '%' || $1 || '%')
    AND ($2::text IS NULL OR d.service_code = $2)
    AND ($3::text[] IS NULL OR EXISTS (SELECT 1 FROM rm_desk_visits v WHERE v.dossier_id = d.dossier_id AND v.desk = ANY($3)))`;
  const params = [term, options.service ?? null, options.desks ?? null, tenant];
  const [{ rows }, counted] = await Promise.all([
    db.query<{ summary: DossierSummary }>(
      `SELECT d.summary FROM rm_dossiers d WHERE ${where} ORDER BY d.registered_at DESC, d.dossier_id LIMIT $5 OFFSET $6`,
      [...params, limit, offset],
    ),
    db.query<{ total: number }>(`SELECT count(*)::int AS total FROM rm_dossiers d WHERE ${where}`, params),
  ]);
  const items = rows.map(({ summary: s }) => ({
    dossierId: s.dossierId,
    registrationNumber: s.registrationNumber,
    service: s.service.code,
    applicantName: s.applicant.name,
    permitNumber: s.permit?.number ?? null,
    lifecycle: s.lifecycle,
    publicStatus: s.publicStatus,
    step: s.step && { id: s.step.id, label: s.step.label },
    pendingDesks: s.lifecycle === 'in-process' || s.lifecycle === 'issued' ? (s.step?.pendingDesks ?? []) : [],
    registeredAt: s.registeredAt,
    dueAt: s.due.dueAt,
    overdue: isOverdue(s, options.now),
  }));
  return { items, total: counted.rows[0]?.total ?? 0, limit, offset };
}
