import type { ServiceCatalogue, WorkingCalendar } from '#berkas/domain';
import { tenantColumn, type ModuleTables, type Queryable } from '#berkas/sql';
import type { Escalation, EscalationKind } from './views.js';

// Escalation (issue 20): supervisors are told when a step has used a share of its time, when it is overdue, and
// a day before a fiktif positif service's deadline deems the application approved.

const SCHEMA = `
-- What supervisors were told about deadlines: one row per dossier, step visit and kind (the key), read or not.
CREATE TABLE IF NOT EXISTS sv_escalations (
  id text PRIMARY KEY,
  dossier_id text NOT NULL,
  registration_number text NOT NULL,
  service_code text NOT NULL,
  kind text NOT NULL,
  step_id text,
  desks text[] NOT NULL DEFAULT '{}',
  due_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  read_at timestamptz,
  read_by text
);
CREATE INDEX IF NOT EXISTS sv_escalations_newest ON sv_escalations (created_at DESC, id);`;

/** The supervisors' notices; `home` owns those written before tenants existed. */
export function escalationTables(home: string): ModuleTables {
  return {
    owner: 'supervisor escalations',
    ddl: [
      SCHEMA,
      `${tenantColumn('sv_escalations', home)}\nCREATE INDEX IF NOT EXISTS sv_escalations_tenant_newest ON sv_escalations (tenant_id, created_at DESC, id);`,
    ],
  };
}

interface Candidate {
  dossier_id: string;
  tenant_id: string;
  registration_number: string;
  service_code: string;
  service_version: number;
  step_id: string | null;
  desks: string[];
  step_started_at: Date | string | null;
  step_due_at: Date | string | null;
  due_at: Date | string;
  decided: boolean;
}

const iso = (v: Date | string) => new Date(v).toISOString();

/** One notice as the job records it. */
export interface EscalationRow {
  id: string;
  /** The MPP whose supervisors are told. */
  tenant: string;
  dossierId: string;
  registrationNumber: string;
  serviceCode: string;
  kind: EscalationKind;
  stepId: string | null;
  desks: string[];
  dueAt: string;
  createdAt: string;
}

/**
 * What should be escalated now: every dossier in process whose step has used
 * `share` of its time (measured from its start to its due date) or is past its
 * due date, and every fiktif positif dossier not yet decided whose deadline
 * falls within the next working day. The key makes a notice once per dossier,
 * step visit and kind.
 */
export async function dueEscalations(
  db: Queryable,
  catalogue: ServiceCatalogue,
  /** Each MPP's working days (a deadline "tomorrow" is its next working day). */
  calendarOf: (tenant: string) => WorkingCalendar,
  now: string,
  share: number,
): Promise<EscalationRow[]> {
  const { rows } = await db.query<Candidate>(
    `SELECT dossier_id, tenant_id, registration_number, service_code, (summary->'service'->>'version')::int AS service_version,
            summary->'step'->>'id' AS step_id, pending_desks AS desks, step_started_at, step_due_at, due_at,
            jsonb_typeof(summary->'decision') = 'object' AS decided
       FROM rm_dossiers WHERE lifecycle = 'in-process' -- tenant: every MPP's, each row keeps its tenant`,
  );
  const at = Date.parse(now);
  const tomorrows = new Map<string, number>();
  const tomorrowOf = (tenant: string) => {
    if (!tomorrows.has(tenant)) tomorrows.set(tenant, Date.parse(calendarOf(tenant).addWorkingDays(now, 1).dueAt));
    return tomorrows.get(tenant)!;
  };
  const out: EscalationRow[] = [];
  for (const r of rows) {
    const def = catalogue.get(r.service_code, r.service_version);
    if (!def) continue;
    const tomorrow = tomorrowOf(r.tenant_id);
    const base = {
      tenant: r.tenant_id,
      dossierId: r.dossier_id,
      registrationNumber: r.registration_number,
      serviceCode: r.service_code,
      desks: r.desks ?? [],
      createdAt: now,
    };
    const step = def.steps.find((s) => s.id === r.step_id);
    if (step && step.slaDays > 0 && r.step_started_at && r.step_due_at) {
      const start = Date.parse(iso(r.step_started_at));
      const due = Date.parse(iso(r.step_due_at));
      const visit = `${r.dossier_id}/${step.id}/${iso(r.step_started_at)}`;
      const kind: EscalationKind | undefined =
        at > due ? 'overdue' : due > start && (at - start) / (due - start) >= share ? 'due-soon' : undefined;
      if (kind) out.push({ ...base, id: `${kind}/${visit}`, kind, stepId: step.id, dueAt: iso(r.step_due_at) });
    }
    const due = Date.parse(iso(r.due_at));
    if (def.fiktifPositif && !r.decided && due > at && due <= tomorrow)
      out.push({
        ...base,
        id: `fiktif-positif/${r.dossier_id}/${iso(r.due_at)}`,
        kind: 'fiktif-positif-tomorrow',
        stepId: step?.id ?? null,
        dueAt: iso(r.due_at),
      });
  }
  return out;
}

/** Records the notices not recorded before; answers those that are new (to be e-mailed). */
export async function recordEscalations(db: Queryable, rows: EscalationRow[]): Promise<EscalationRow[]> {
  const fresh: EscalationRow[] = [];
  for (const r of rows) {
    const { rows: inserted } = await db.query(
      `INSERT INTO sv_escalations (id, dossier_id, registration_number, service_code, kind, step_id, desks, due_at, created_at, tenant_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [r.id, r.dossierId, r.registrationNumber, r.serviceCode, r.kind, r.stepId, r.desks, r.dueAt, r.createdAt, r.tenant],
    );
    if (inserted.length) fresh.push(r);
  }
  return fresh;
}

/** The notices for the supervisors' notice centre, newest first; `unread` only those nobody has marked read. */
export async function escalationList(
  db: Queryable,
  catalogue: ServiceCatalogue,
  o: { tenant: string; unread?: boolean; limit?: number },
): Promise<{ items: Escalation[]; unread: number }> {
  const { rows } = await db.query<{
    id: string;
    dossier_id: string;
    registration_number: string;
    service_code: string;
    kind: EscalationKind;
    step_id: string | null;
    desks: string[];
    due_at: Date | string;
    created_at: Date | string;
    read_at: Date | string | null;
    read_by: string | null;
    service_version: number | null;
    current_step: string | null;
    lifecycle: string | null;
    decided: boolean | null;
  }>(
    `SELECT e.*, (d.summary->'service'->>'version')::int AS service_version, d.summary->'step'->>'id' AS current_step,
            d.lifecycle, jsonb_typeof(d.summary->'decision') = 'object' AS decided
       FROM sv_escalations e LEFT JOIN rm_dossiers d ON d.dossier_id = e.dossier_id AND d.tenant_id = e.tenant_id
      WHERE e.tenant_id = $3 AND ($1::boolean IS NOT TRUE OR e.read_at IS NULL)
      ORDER BY e.created_at DESC, e.id LIMIT $2`,
    [o.unread ?? false, o.limit ?? 100, o.tenant],
  );
  const counted = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM sv_escalations WHERE tenant_id = $1 AND read_at IS NULL', [
    o.tenant,
  ]);
  const items = rows.map((r): Escalation => {
    const def = r.service_version ? catalogue.get(r.service_code, r.service_version) : catalogue.newest(r.service_code);
    const step = def?.steps.find((s) => s.id === r.step_id);
    const current =
      r.lifecycle === 'in-process' && (r.kind === 'fiktif-positif-tomorrow' ? r.decided === false : r.current_step === r.step_id);
    return {
      id: r.id,
      dossierId: r.dossier_id,
      registrationNumber: r.registration_number,
      service: { code: r.service_code, name: def?.name ?? { id: r.service_code, en: r.service_code } },
      kind: r.kind,
      step: step ? { id: step.id, label: step.label } : null,
      desks: r.desks,
      dueAt: iso(r.due_at),
      createdAt: iso(r.created_at),
      read: r.read_at ? { at: iso(r.read_at), by: r.read_by ?? '' } : null,
      current,
    };
  });
  return { items, unread: counted.rows[0]?.n ?? 0 };
}

/** Marks a notice read by an officer; false when there is no such notice. A notice read once stays read by its first reader. */
export async function markEscalationRead(db: Queryable, tenant: string, id: string, officerId: string, at: string): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE sv_escalations SET read_at = COALESCE(read_at, $3::timestamptz), read_by = COALESCE(read_by, $2)
      WHERE id = $1 AND tenant_id = $4 RETURNING id`,
    [id, officerId, at, tenant],
  );
  return rows.length > 0;
}
