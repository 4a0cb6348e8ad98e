import type { ServiceCatalogue } from '../../../domain/src/index.js';
import type { Queryable } from '../../../event-store/src/index.js';
import { reduceSummary, type DossierSummary } from './dossier-summary.js';
import type { ProjectedEvent, Projection } from './projection.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS rm_dossiers (
  dossier_id text PRIMARY KEY,
  last_version integer NOT NULL,
  registration_number text NOT NULL UNIQUE,
  service_code text NOT NULL,
  lifecycle text NOT NULL,
  public_status text NOT NULL,
  pending_desks text[] NOT NULL DEFAULT '{}',
  registered_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  step_started_at timestamptz,
  step_due_at timestamptz,
  closed_at timestamptz,
  summary jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS rm_dossiers_pending ON rm_dossiers USING gin (pending_desks);
CREATE TABLE IF NOT EXISTS rm_history (
  event_id uuid PRIMARY KEY,
  dossier_id text NOT NULL,
  stream_version integer NOT NULL,
  type text NOT NULL,
  at timestamptz NOT NULL,
  officer_id text,
  data jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS rm_history_dossier ON rm_history (dossier_id, stream_version);
CREATE TABLE IF NOT EXISTS rm_desk_visits (
  dossier_id text NOT NULL,
  step_index integer NOT NULL,
  desk text NOT NULL,
  service_code text NOT NULL,
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  due_at timestamptz NOT NULL,
  PRIMARY KEY (dossier_id, step_index, desk, started_at)
);`;

/**
 * The officers' side: desk queues, dossier detail with the full audit trail,
 * and desk visits for statistics. Re-applying an event is a no-op: each
 * dossier row remembers the last stream version it has seen.
 */
export class OfficerViewsProjection implements Projection {
  readonly name = 'officer-views';
  readonly schema = SCHEMA;
  readonly tables = ['rm_dossiers', 'rm_history', 'rm_desk_visits'];

  constructor(private readonly catalogue: ServiceCatalogue) {}

  async apply(tx: Queryable, p: ProjectedEvent): Promise<void> {
    const { rows } = await tx.query<{ last_version: number; summary: DossierSummary }>(
      'SELECT last_version, summary FROM rm_dossiers WHERE dossier_id = $1 FOR UPDATE',
      [p.dossierId],
    );
    const row = rows[0];
    if (row && p.stored.streamVersion <= row.last_version) return;
    const next = reduceSummary(row?.summary, p, this.catalogue);
    if (!next) return;
    await this.upsert(tx, next, p.stored.streamVersion);
    await this.recordHistory(tx, p);
    await this.trackVisits(tx, p, next);
  }

  private async upsert(tx: Queryable, s: DossierSummary, version: number): Promise<void> {
    await tx.query(
      `INSERT INTO rm_dossiers (dossier_id, last_version, registration_number, service_code, lifecycle, public_status,
         pending_desks, registered_at, due_at, step_started_at, step_due_at, closed_at, summary)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (dossier_id) DO UPDATE SET last_version = $2, lifecycle = $5, public_status = $6, pending_desks = $7,
         due_at = $9, step_started_at = $10, step_due_at = $11, closed_at = $12, summary = $13`,
      [
        s.dossierId,
        version,
        s.registrationNumber,
        s.service.code,
        s.lifecycle,
        s.publicStatus,
        // The handover desk works an issued permit; returned dossiers wait on the applicant, not on a desk.
        s.lifecycle === 'in-process' || s.lifecycle === 'issued' ? (s.step?.pendingDesks ?? []) : [],
        s.registeredAt,
        s.due.dueAt,
        s.step?.startedAt ?? null,
        s.step?.due.dueAt ?? null,
        s.closedAt,
        JSON.stringify(s),
      ],
    );
  }

  private async recordHistory(tx: Queryable, p: ProjectedEvent): Promise<void> {
    const { pinHash: _secret, ...data } = p.event.data as Record<string, unknown>;
    await tx.query(
      `INSERT INTO rm_history (event_id, dossier_id, stream_version, type, at, officer_id, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_id) DO NOTHING`,
      [p.stored.eventId, p.dossierId, p.stored.streamVersion, p.event.type, p.at, p.officerId ?? null, JSON.stringify(data)],
    );
  }

  private async trackVisits(tx: Queryable, p: ProjectedEvent, s: DossierSummary): Promise<void> {
    const e = p.event;
    switch (e.type) {
      case 'StepStarted':
        for (const desk of e.data.desks) {
          await tx.query(
            `INSERT INTO rm_desk_visits (dossier_id, step_index, desk, service_code, started_at, due_at)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
            [p.dossierId, e.data.stepIndex, desk, s.service.code, p.at, e.data.due.dueAt],
          );
        }
        break;
      case 'RecommendationRecorded':
        await tx.query('UPDATE rm_desk_visits SET ended_at = $3 WHERE dossier_id = $1 AND desk = $2 AND ended_at IS NULL', [
          p.dossierId,
          e.data.desk,
          p.at,
        ]);
        break;
      case 'StepCompleted':
      case 'DossierRejected':
      case 'DossierWithdrawn':
        await tx.query('UPDATE rm_desk_visits SET ended_at = $2 WHERE dossier_id = $1 AND ended_at IS NULL', [p.dossierId, p.at]);
        break;
      default:
        break;
    }
  }
}
