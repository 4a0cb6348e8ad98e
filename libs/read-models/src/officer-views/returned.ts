import type { Queryable } from '#berkas/sql';
import type { DossierSummary } from '../summary/dossier-summary.js';
import type { Page, ReturnedItem } from './views.js';

// Dossiers with the applicant for corrections, for the front desk.

/**
 * Dossiers waiting for the applicant's corrections: at no desk, so in no desk
 * queue; the front desk takes the corrections in. Longest waiting first, a
 * page at a time with the total.
 */
export async function returnedDossiers(
  db: Queryable,
  tenant: string,
  options: { limit?: number; offset?: number; desk?: string; service?: string } = {},
): Promise<Page<ReturnedItem>> {
  const limit = options.limit ?? 50;
  const offset = options.offset ?? 0;
  // One desk's: the dossiers it sent back, which come back to it (a processor's "returned" filter).
  const where = `tenant_id = $3 AND lifecycle = 'returned' AND ($1::text IS NULL OR summary->'correction'->>'desk' = $1)
    AND ($2::text IS NULL OR service_code = $2)`;
  const filters = [options.desk ?? null, options.service ?? null, tenant];
  const [{ rows }, counted] = await Promise.all([
    db.query<{ summary: DossierSummary }>(
      `SELECT summary FROM rm_dossiers WHERE ${where} ORDER BY registered_at, dossier_id LIMIT $4 OFFSET $5`,
      [...filters, limit, offset],
    ),
    db.query<{ total: number }>(`SELECT count(*)::int AS total FROM rm_dossiers WHERE ${where}`, filters),
  ]);
  return {
    items: rows.map(({ summary: s }) => ({
      dossierId: s.dossierId,
      registrationNumber: s.registrationNumber,
      service: s.service.code,
      applicantName: s.applicant.name,
      applicantPhone: s.applicant.phone ?? null,
      desk: s.correction?.desk ?? '',
      reasons: s.correction?.reasons ?? [],
      returnedAt: s.correction?.returnedAt ?? s.registeredAt,
      registeredAt: s.registeredAt,
    })),
    total: counted.rows[0]?.total ?? 0,
    limit,
    offset,
  };
}
