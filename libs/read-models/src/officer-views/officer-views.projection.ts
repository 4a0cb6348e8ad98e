import type { ServiceCatalogue } from '#berkas/domain';
import type { Queryable } from '#berkas/sql';
import { foldNewEvents, reduceSummary, type DossierSummary } from '../summary/dossier-summary.js';
import { RebuildMemory, type ProjectedEvent, type Projection } from '../projector/projection.js';
import { DEFAULT_TENANT_CODE, tenantColumn } from '../tenancy.js';

const schema = (home: string) => `
CREATE TABLE IF NOT EXISTS rm_dossiers (
  dossier_id text PRIMARY KEY,
  last_version integer NOT NULL,
  registration_number text NOT NULL,
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
-- Search (D27): the applicant's name and the permit number beside the registration number.
ALTER TABLE rm_dossiers ADD COLUMN IF NOT EXISTS applicant_name text;
ALTER TABLE rm_dossiers ADD COLUMN IF NOT EXISTS permit_number text;
UPDATE rm_dossiers SET applicant_name = summary->'applicant'->>'name', permit_number = summary->'permit'->>'number'
 WHERE applicant_name IS NULL;
-- Each MPP's (issue 23): rows from before tenants are the home tenant's; a registration number is unique within one MPP.
${tenantColumn('rm_dossiers', home)}
ALTER TABLE rm_dossiers DROP CONSTRAINT IF EXISTS rm_dossiers_registration_number_key;
CREATE UNIQUE INDEX IF NOT EXISTS rm_dossiers_tenant_number ON rm_dossiers (tenant_id, registration_number);
CREATE INDEX IF NOT EXISTS rm_dossiers_tenant_permit ON rm_dossiers (tenant_id, permit_number) WHERE permit_number IS NOT NULL;
DROP INDEX IF EXISTS rm_dossiers_newest;
CREATE INDEX IF NOT EXISTS rm_dossiers_tenant_newest ON rm_dossiers (tenant_id, registered_at DESC, dossier_id);
-- Waiting for the applicant's corrections: at no desk, read by the front desk.
DROP INDEX IF EXISTS rm_dossiers_returned;
CREATE INDEX IF NOT EXISTS rm_dossiers_tenant_returned ON rm_dossiers (tenant_id, registered_at, dossier_id) WHERE lifecycle = 'returned';
-- Queues read rm_desk_queue (D25): the GIN index on pending desks only cost writes.
DROP INDEX IF EXISTS rm_dossiers_pending;
-- One narrow row per dossier waiting at a desk, indexed in both queue orders: a page is an index range.
CREATE TABLE IF NOT EXISTS rm_desk_queue (
  dossier_id text NOT NULL,
  desk text NOT NULL,
  service_code text NOT NULL,
  step_due_at timestamptz,
  step_started_at timestamptz,
  registered_at timestamptz NOT NULL,
  PRIMARY KEY (dossier_id, desk)
);
-- Who holds it at this desk: the "held by me" filter runs over the whole queue, not a page.
ALTER TABLE rm_desk_queue ADD COLUMN IF NOT EXISTS held_by text;
UPDATE rm_desk_queue q SET held_by = d.summary->'holders'->>q.desk FROM rm_dossiers d
 WHERE q.held_by IS NULL AND d.dossier_id = q.dossier_id AND d.summary->'holders'->>q.desk IS NOT NULL;
-- Read models built before the queue table existed: fill it once from the dossiers.
INSERT INTO rm_desk_queue (dossier_id, desk, service_code, step_due_at, step_started_at, registered_at)
  SELECT dossier_id, unnest(pending_desks), service_code, step_due_at, step_started_at, registered_at FROM rm_dossiers
   WHERE NOT EXISTS (SELECT 1 FROM rm_desk_queue)
  ON CONFLICT DO NOTHING;
-- A desk's code means a desk of one MPP: a page is an index range led by the tenant.
${tenantColumn('rm_desk_queue', home)}
DROP INDEX IF EXISTS rm_desk_queue_urgent;
DROP INDEX IF EXISTS rm_desk_queue_oldest;
CREATE INDEX IF NOT EXISTS rm_desk_queue_tenant_urgent ON rm_desk_queue (tenant_id, desk, step_due_at, registered_at, dossier_id);
CREATE INDEX IF NOT EXISTS rm_desk_queue_tenant_oldest ON rm_desk_queue (tenant_id, desk, step_started_at, registered_at, dossier_id);
CREATE TABLE IF NOT EXISTS rm_desk_visits (
  dossier_id text NOT NULL,
  step_index integer NOT NULL,
  desk text NOT NULL,
  service_code text NOT NULL,
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  due_at timestamptz NOT NULL,
  PRIMARY KEY (dossier_id, step_index, desk, started_at)
);
${tenantColumn('rm_desk_visits', home)}
-- Among many MPPs (issue 23), one MPP's rows are scattered over the shared heap; the dashboard and the statistics read
-- them from indexes led by the tenant that hold every column they need (index-only scans), never by a whole-table scan.
CREATE INDEX IF NOT EXISTS rm_desk_visits_tenant_ended ON rm_desk_visits (tenant_id, ended_at) INCLUDE (desk, service_code, started_at, due_at);
CREATE INDEX IF NOT EXISTS rm_dossiers_tenant_registered ON rm_dossiers (tenant_id, registered_at) INCLUDE (service_code);
CREATE INDEX IF NOT EXISTS rm_dossiers_tenant_closed ON rm_dossiers (tenant_id, closed_at) INCLUDE (service_code, due_at, lifecycle)
  WHERE closed_at IS NOT NULL;`;

/**
 * The officers' side: desk queues, dossier detail and desk visits for
 * statistics (the audit trail is read from the log, D58). Re-applying an event is a no-op: each
 * dossier row remembers the last stream version it has seen.
 */
export class OfficerViewsProjection implements Projection {
  readonly name = 'officer-views';
  readonly schema: string;
  readonly tables = ['rm_dossiers', 'rm_desk_queue', 'rm_desk_visits'];

  /** `home`: the tenant of dossiers registered before tenants existed. */
  constructor(
    private readonly catalogue: ServiceCatalogue,
    private readonly home = DEFAULT_TENANT_CODE,
  ) {
    this.schema = schema(home);
  }

  apply(tx: Queryable, p: ProjectedEvent): Promise<void> {
    return this.applyBatch(tx, [p]);
  }

  rebuilding(remembered?: number) {
    const memory = new RebuildMemory<OfficerMemory>(remembered);
    return { applyBatch: (tx: Queryable, events: ProjectedEvent[]) => this.applyBatch(tx, events, memory) };
  }

  /** One read, one write per table for the whole batch; desk visits follow event by event. */
  async applyBatch(tx: Queryable, events: ProjectedEvent[], memory?: RebuildMemory<OfficerMemory>): Promise<void> {
    const ids = [...new Set(events.map((e) => e.dossierId))];
    const toRead = memory ? memory.unknown(events) : ids;
    const { rows } = toRead.length
      ? await tx.query<{ dossier_id: string; last_version: number; summary: DossierSummary }>(
          'SELECT dossier_id, last_version, summary FROM rm_dossiers WHERE dossier_id = ANY($1) FOR UPDATE -- tenant: the dossiers of the events applied',
          [toRead],
        )
      : { rows: [] };
    const current = new Map(rows.map((r) => [r.dossier_id, { version: r.last_version, summary: r.summary }]));
    const visits = await DeskVisits.load(tx, toRead);
    if (memory)
      for (const id of ids) {
        const known = memory.get(id);
        if (!known) continue;
        current.set(id, { version: known.version, summary: known.summary });
        visits.remember(known.openVisits);
      }
    const changed = await foldNewEvents(
      events,
      current,
      (prev, p) => reduceSummary(prev, p, this.catalogue),
      (p, next) => this.trackVisits(visits, p, next),
    );
    if (changed.size) await this.upsert(tx, [...changed.values()]);
    await visits.save(tx);
    if (memory) for (const [id, { version, summary }] of changed) memory.set(id, { version, summary, openVisits: visits.openOf(id) });
  }

  private async upsert(tx: Queryable, rows: { version: number; summary: DossierSummary }[]): Promise<void> {
    const records = rows.map(({ version, summary: s }) => ({
      dossier_id: s.dossierId,
      tenant_id: s.tenant ?? this.home,
      last_version: version,
      registration_number: s.registrationNumber,
      service_code: s.service.code,
      lifecycle: s.lifecycle,
      public_status: s.publicStatus,
      // The handover desk works an issued permit; returned dossiers wait on the applicant, not on a desk.
      pending_desks: s.lifecycle === 'in-process' || s.lifecycle === 'issued' ? (s.step?.pendingDesks ?? []) : [],
      registered_at: s.registeredAt,
      due_at: s.due.dueAt,
      step_started_at: s.step?.startedAt ?? null,
      step_due_at: s.step?.due.dueAt ?? null,
      closed_at: s.closedAt,
      applicant_name: s.applicant.name,
      permit_number: s.permit?.number ?? null,
      summary: s,
    }));
    await tx.query(
      `INSERT INTO rm_dossiers (dossier_id, tenant_id, last_version, registration_number, service_code, lifecycle, public_status,
         pending_desks, registered_at, due_at, step_started_at, step_due_at, closed_at, applicant_name, permit_number, summary)
       SELECT r.dossier_id, r.tenant_id, r.last_version, r.registration_number, r.service_code, r.lifecycle, r.public_status,
         ARRAY(SELECT jsonb_array_elements_text(r.pending_desks)), r.registered_at, r.due_at, r.step_started_at, r.step_due_at, r.closed_at,
         r.applicant_name, r.permit_number, r.summary
         FROM jsonb_to_recordset($1::jsonb) AS r(dossier_id text, tenant_id text, last_version integer, registration_number text, service_code text,
           lifecycle text, public_status text, pending_desks jsonb, registered_at timestamptz, due_at timestamptz,
           step_started_at timestamptz, step_due_at timestamptz, closed_at timestamptz, applicant_name text, permit_number text, summary jsonb)
       ON CONFLICT (dossier_id) DO UPDATE SET last_version = EXCLUDED.last_version, lifecycle = EXCLUDED.lifecycle,
         public_status = EXCLUDED.public_status, pending_desks = EXCLUDED.pending_desks, due_at = EXCLUDED.due_at,
         step_started_at = EXCLUDED.step_started_at, step_due_at = EXCLUDED.step_due_at, closed_at = EXCLUDED.closed_at,
         applicant_name = EXCLUDED.applicant_name, permit_number = EXCLUDED.permit_number, summary = EXCLUDED.summary`,
      [JSON.stringify(records)],
    );
    // The queue rows follow the dossier's pending desks, in the same transaction.
    await tx.query('DELETE FROM rm_desk_queue WHERE dossier_id = ANY($1) -- tenant: the dossiers of the events applied', [
      records.map((r) => r.dossier_id),
    ]);
    const waiting = records.flatMap((r) =>
      r.pending_desks.map((desk) => ({
        dossier_id: r.dossier_id,
        tenant_id: r.tenant_id,
        desk,
        service_code: r.service_code,
        step_due_at: r.step_due_at,
        step_started_at: r.step_started_at,
        registered_at: r.registered_at,
        held_by: r.summary.holders[desk] ?? null,
      })),
    );
    if (waiting.length)
      await tx.query(
        `INSERT INTO rm_desk_queue (dossier_id, tenant_id, desk, service_code, step_due_at, step_started_at, registered_at, held_by)
         SELECT dossier_id, tenant_id, desk, service_code, step_due_at, step_started_at, registered_at, held_by
           FROM jsonb_to_recordset($1::jsonb) AS q(dossier_id text, tenant_id text, desk text, service_code text, step_due_at timestamptz,
             step_started_at timestamptz, registered_at timestamptz, held_by text)`,
        [JSON.stringify(waiting)],
      );
  }

  /** Desk visits change in memory across the batch, then are written in one statement. */
  private trackVisits(visits: DeskVisits, p: ProjectedEvent, s: DossierSummary): void {
    const e = p.event;
    switch (e.type) {
      case 'StepStarted':
        for (const desk of e.data.desks)
          visits.open({
            dossier_id: p.dossierId,
            tenant_id: s.tenant ?? this.home,
            step_index: e.data.stepIndex,
            desk,
            service_code: s.service.code,
            started_at: p.at,
            ended_at: null,
            due_at: e.data.due.dueAt,
          });
        break;
      case 'RecommendationRecorded':
        visits.close(p.dossierId, p.at, e.data.desk);
        break;
      // A dossier sent back, migrated or repaired leaves the desks it waited at; the StepStarted after it opens the next.
      case 'StepCompleted':
      case 'DossierRejected':
      case 'DossierWithdrawn':
      case 'DossierSentBack':
      case 'DossierMigrated':
      case 'DossierStepRepaired':
        visits.close(p.dossierId, p.at);
        break;
      default:
        break;
    }
  }
}

/** What a rebuild remembers of a dossier between pages. */
export interface OfficerMemory {
  version: number;
  summary: DossierSummary;
  openVisits: VisitRow[];
}

interface VisitRow {
  dossier_id: string;
  tenant_id: string;
  step_index: number;
  desk: string;
  service_code: string;
  started_at: string;
  ended_at: string | null;
  due_at: string;
}

/** The open desk visits of a batch's dossiers, and every visit the batch opened or closed. */
class DeskVisits {
  private readonly touched = new Map<string, VisitRow>();
  /** Rows by dossier: a page of thousands of events closes visits without scanning every open one. */
  private readonly byDossier = new Map<string, VisitRow[]>();

  private constructor(openRows: VisitRow[]) {
    this.remember(openRows);
  }

  /** Open visits known from elsewhere (a rebuild's memory). */
  remember(openRows: VisitRow[]): void {
    for (const row of openRows) this.rowsOf(row.dossier_id).push({ ...row });
  }

  openOf(dossierId: string): VisitRow[] {
    return (this.byDossier.get(dossierId) ?? []).filter((row) => row.ended_at === null);
  }

  private rowsOf(dossierId: string): VisitRow[] {
    let rows = this.byDossier.get(dossierId);
    if (!rows) this.byDossier.set(dossierId, (rows = []));
    return rows;
  }

  static async load(tx: Queryable, dossierIds: string[]): Promise<DeskVisits> {
    if (!dossierIds.length) return new DeskVisits([]);
    const { rows } = await tx.query<Omit<VisitRow, 'started_at' | 'due_at'> & { started_at: Date; due_at: Date }>(
      `SELECT dossier_id, tenant_id, step_index, desk, service_code, started_at, ended_at, due_at
         FROM rm_desk_visits WHERE dossier_id = ANY($1) AND ended_at IS NULL -- tenant: the dossiers of the events applied`,
      [dossierIds],
    );
    return new DeskVisits(
      rows.map((r) => ({ ...r, started_at: r.started_at.toISOString(), ended_at: null, due_at: r.due_at.toISOString() })),
    );
  }

  open(row: VisitRow): void {
    this.rowsOf(row.dossier_id).push(row);
    this.touched.set(key(row), row);
  }

  close(dossierId: string, at: string, desk?: string): void {
    for (const row of this.byDossier.get(dossierId) ?? []) {
      if (row.ended_at !== null || (desk && row.desk !== desk)) continue;
      row.ended_at = at;
      this.touched.set(key(row), row);
    }
  }

  async save(tx: Queryable): Promise<void> {
    if (!this.touched.size) return;
    await tx.query(
      `INSERT INTO rm_desk_visits (dossier_id, tenant_id, step_index, desk, service_code, started_at, ended_at, due_at)
       SELECT dossier_id, tenant_id, step_index, desk, service_code, started_at, ended_at, due_at
         FROM jsonb_to_recordset($1::jsonb) AS v(dossier_id text, tenant_id text, step_index integer, desk text, service_code text,
           started_at timestamptz, ended_at timestamptz, due_at timestamptz)
       ON CONFLICT (dossier_id, step_index, desk, started_at) DO UPDATE SET ended_at = EXCLUDED.ended_at`,
      [JSON.stringify([...this.touched.values()])],
    );
  }
}

const key = (v: VisitRow) => `${v.dossier_id}|${v.step_index}|${v.desk}|${v.started_at}`;
