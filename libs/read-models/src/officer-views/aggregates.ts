import type { Queryable } from '#berkas/sql';
import type { TenantFigures } from './views.js';

export type { TenantFigures };

// What a provincial or national overseer reads (issue 23): each MPP's figures, never a dossier, a number or a name.

/**
 * Figures of each of `tenants` (the MPPs an overseer oversees) over `from`..`now`: counts and rates only, computed in
 * the database, so no row of a dossier ever leaves it. An MPP with nothing yet answers zeros.
 */
export async function tenantFigures(db: Queryable, tenants: string[], from: string, now: string): Promise<TenantFigures[]> {
  const [dossiers, surveys] = await Promise.all([
    db.query<{ tenant_id: string; registered: number; closed: number; on_time: number; backlog: number; overdue_open: number }>(
      `SELECT tenant_id,
              count(*) FILTER (WHERE registered_at >= $2 AND registered_at < $3)::int AS registered,
              count(*) FILTER (WHERE closed_at >= $2 AND closed_at < $3 AND lifecycle <> 'withdrawn')::int AS closed,
              count(*) FILTER (WHERE closed_at >= $2 AND closed_at < $3 AND lifecycle <> 'withdrawn' AND closed_at <= due_at)::int AS on_time,
              count(*) FILTER (WHERE closed_at IS NULL AND lifecycle IN ('in-process', 'returned', 'issued'))::int AS backlog,
              count(*) FILTER (WHERE closed_at IS NULL AND lifecycle <> 'returned'
                                 AND ((lifecycle <> 'issued' AND due_at < $3) OR step_due_at < $3))::int AS overdue_open
         FROM rm_dossiers WHERE tenant_id = ANY($1) GROUP BY tenant_id`,
      [tenants, from, now],
    ),
    db.query<{ tenant_id: string; respondents: number; average: number | null }>(
      `SELECT tenant_id, count(DISTINCT dossier_id)::int AS respondents, avg(s)::float8 AS average
         FROM skm_responses, unnest(scores) AS s
        WHERE tenant_id = ANY($1) AND submitted_at >= $2 AND submitted_at < $3 GROUP BY tenant_id`,
      [tenants, from, now],
    ),
  ]);
  const byTenant = new Map(dossiers.rows.map((r) => [r.tenant_id, r]));
  const skm = new Map(surveys.rows.map((r) => [r.tenant_id, r]));
  return tenants.map((tenant) => {
    const d = byTenant.get(tenant);
    const s = skm.get(tenant);
    const closed = d?.closed ?? 0;
    const closedOnTime = d?.on_time ?? 0;
    return {
      tenant,
      registered: d?.registered ?? 0,
      closed,
      closedOnTime,
      onTimeRate: closed ? Math.round((1000 * closedOnTime) / closed) / 10 : null,
      backlog: d?.backlog ?? 0,
      overdueOpen: d?.overdue_open ?? 0,
      respondents: s?.respondents ?? 0,
      ikm: s?.average == null ? null : Math.round(s.average * 25 * 100) / 100,
    };
  });
}
