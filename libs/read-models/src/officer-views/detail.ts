import type { Queryable } from '#berkas/sql';
import type { DossierSummary } from '../summary/dossier-summary.js';
import { isOverdue } from '../summary/overdue.js';
import type { DossierDetail, HistoryEntry } from './views.js';

// One dossier for officers: its summary and the full audit trail.

/**
 * One dossier of an MPP for its officers, with the full audit trail of who did what, when and why: `trail` reads it
 * (from the event store: auditTrail) up to the version the summary shows.
 */
export async function dossierDetail(
  db: Queryable,
  tenant: string,
  idOrNumber: string,
  now: string,
  trail: (dossierId: string, upTo: number) => Promise<HistoryEntry[]>,
): Promise<DossierDetail | undefined> {
  const { rows } = await db.query<{ dossier_id: string; last_version: number; summary: DossierSummary }>(
    'SELECT dossier_id, last_version, summary FROM rm_dossiers WHERE tenant_id = $2 AND (dossier_id = $1 OR registration_number = $1)',
    [idOrNumber, tenant],
  );
  if (!rows[0]) return undefined;
  const s = rows[0].summary;
  return {
    ...s,
    version: rows[0].last_version,
    overdue: isOverdue(s, now),
    history: await trail(rows[0].dossier_id, rows[0].last_version),
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
