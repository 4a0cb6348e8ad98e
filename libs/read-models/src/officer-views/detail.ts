import type { Queryable } from '#berkas/sql';
import type { DossierSummary } from '../summary/dossier-summary.js';
import { isOverdue } from '../summary/overdue.js';
import type { DossierDetail } from './views.js';

// One dossier for officers: its summary and the full audit trail.

/** One dossier of an MPP for its officers, with the full audit trail of who did what, when and why. */
export async function dossierDetail(db: Queryable, tenant: string, idOrNumber: string, now: string): Promise<DossierDetail | undefined> {
  const { rows } = await db.query<{ dossier_id: string; last_version: number; summary: DossierSummary }>(
    'SELECT dossier_id, last_version, summary FROM rm_dossiers WHERE tenant_id = $2 AND (dossier_id = $1 OR registration_number = $1)',
    [idOrNumber, tenant],
  );
  if (!rows[0]) return undefined;
  const history = await db.query<{
    stream_version: number;
    type: string;
    at: Date;
    officer_id: string | null;
    data: Record<string, unknown>;
  }>('SELECT stream_version, type, at, officer_id, data FROM rm_history WHERE dossier_id = $1 AND tenant_id = $2 ORDER BY stream_version', [
    rows[0].dossier_id,
    tenant,
  ]);
  const s = rows[0].summary;
  return {
    ...s,
    version: rows[0].last_version,
    overdue: isOverdue(s, now),
    history: history.rows.map((h) => ({
      version: h.stream_version,
      type: h.type,
      at: new Date(h.at).toISOString(),
      officerId: h.officer_id,
      data: h.data,
    })),
  };
}

export async function dossierReachedDesks(db: Queryable, tenant: string, dossierId: string, desks: string[]): Promise<boolean> {
  if (!desks.length) return false;
  const { rows } = await db.query('SELECT 1 FROM rm_desk_visits WHERE tenant_id = $3 AND dossier_id = $1 AND desk = ANY($2) LIMIT 1', [
    dossierId,
    desks,
    tenant,
  ]);
  return rows.length > 0;
}

/**
 * The dossier that produced an issued permit, by the permit's number: what a
 * renewal or amendment starts from (its holder, particulars and dates).
 */
export async function dossierByPermitNumber(db: Queryable, tenant: string, permitNumber: string): Promise<DossierSummary | undefined> {
  const { rows } = await db.query<{ summary: DossierSummary }>(
    `SELECT summary FROM rm_dossiers WHERE tenant_id = $2 AND permit_number = $1`,
    [permitNumber.trim(), tenant],
  );
  return rows[0]?.summary;
}
