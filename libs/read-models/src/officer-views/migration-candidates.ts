import type { Queryable } from '#berkas/sql';

/** A running dossier a batch migration would move (issue 23). */
export interface MigrationCandidate {
  dossierId: string;
  registrationNumber: string;
  stepId: string | null;
}

/**
 * The MPP's running dossiers of one service version (at one step, if given), oldest first: what a batch migration
 * previews and runs over. At most `limit`; `total` says how many match, so a screen can say a batch was cut.
 */
export async function migrationCandidates(
  db: Queryable,
  tenant: string,
  filter: { service: string; fromVersion: number; stepId?: string },
  limit = 200,
): Promise<{ items: MigrationCandidate[]; total: number }> {
  const where = `tenant_id = $1 AND service_code = $2 AND lifecycle = 'in-process'
    AND (summary->'service'->>'version')::int = $3 AND ($4::text IS NULL OR summary->'step'->>'id' = $4)`;
  const params = [tenant, filter.service, filter.fromVersion, filter.stepId ?? null];
  const [{ rows }, counted] = await Promise.all([
    db.query<{ dossier_id: string; registration_number: string; step_id: string | null }>(
      `SELECT dossier_id, registration_number, summary->'step'->>'id' AS step_id FROM rm_dossiers WHERE ${where}
        ORDER BY registered_at, dossier_id LIMIT $5`,
      [...params, limit],
    ),
    db.query<{ total: number }>(`SELECT count(*)::int AS total FROM rm_dossiers WHERE ${where}`, params),
  ]);
  return {
    items: rows.map((r) => ({ dossierId: r.dossier_id, registrationNumber: r.registration_number, stepId: r.step_id })),
    total: counted.rows[0]?.total ?? 0,
  };
}
