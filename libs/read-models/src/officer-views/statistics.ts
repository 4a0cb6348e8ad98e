import type { ServiceCatalogue, WorkingCalendar } from '#berkas/domain';
import type { Queryable } from '#berkas/sql';

// Statistics per service and per desk, for supervisors.

export interface ServiceStatistics {
  service: string;
  name: { id: string; en: string };
  byStatus: Record<string, number>;
  closed: number;
  closedOnTime: number;
  onTimeRate: number | null;
  overdueOpen: number;
}

export interface DeskStatistics {
  desk: string;
  name: { id: string; en: string };
  visits: number;
  open: number;
  overdueOpen: number;
  averageHours: number | null;
  /** Working days a finished visit took on average (days the MPP is open, after the day it arrived). */
  averageWorkingDays: number | null;
}

/** Counts by status, on-time rate (% ketepatan) and time spent at each desk. */
export async function statistics(
  db: Queryable,
  tenant: string,
  catalogue: ServiceCatalogue,
  now: string,
  service?: string,
  /** For the average in working days; without it, hours only. */
  calendar?: WorkingCalendar,
): Promise<{ services: ServiceStatistics[]; desks: DeskStatistics[] }> {
  const svc = service ?? null;
  const counts = await db.query<{ service_code: string; public_status: string; n: string }>(
    `SELECT service_code, public_status, count(*)::text AS n FROM rm_dossiers
      WHERE tenant_id = $2 AND ($1::text IS NULL OR service_code = $1) GROUP BY service_code, public_status`,
    [svc, tenant],
  );
  const timing = await db.query<{ service_code: string; closed: string; on_time: string; overdue_open: string }>(
    `SELECT service_code,
            count(*) FILTER (WHERE closed_at IS NOT NULL AND lifecycle <> 'withdrawn')::text AS closed,
            count(*) FILTER (WHERE closed_at IS NOT NULL AND lifecycle <> 'withdrawn' AND closed_at <= due_at)::text AS on_time,
            count(*) FILTER (WHERE closed_at IS NULL AND lifecycle <> 'returned'
                               AND ((lifecycle <> 'issued' AND due_at < $2) OR step_due_at < $2))::text AS overdue_open
       FROM rm_dossiers WHERE tenant_id = $3 AND ($1::text IS NULL OR service_code = $1) GROUP BY service_code`,
    [svc, now, tenant],
  );
  const services = new Map<string, ServiceStatistics>();
  const get = (code: string) => {
    if (!services.has(code))
      services.set(code, {
        service: code,
        name: catalogue.nameOf(code),
        byStatus: {},
        closed: 0,
        closedOnTime: 0,
        onTimeRate: null,
        overdueOpen: 0,
      });
    return services.get(code)!;
  };
  for (const r of counts.rows) get(r.service_code).byStatus[r.public_status] = Number(r.n);
  for (const r of timing.rows) {
    const s = get(r.service_code);
    s.closed = Number(r.closed);
    s.closedOnTime = Number(r.on_time);
    s.onTimeRate = s.closed ? Math.round((1000 * s.closedOnTime) / s.closed) / 10 : null;
    s.overdueOpen = Number(r.overdue_open);
  }
  // Open and overdue come from the queues themselves, so the figures agree with what each desk sees (a dossier
  // returned to the applicant waits at no desk); time spent comes from the finished visits.
  const [visits, open, finished] = await Promise.all([
    db.query<{ desk: string; visits: string; avg_hours: string | null }>(
      `SELECT desk, count(*)::text AS visits,
              (avg(extract(epoch FROM (ended_at - started_at))) FILTER (WHERE ended_at IS NOT NULL) / 3600)::text AS avg_hours
         FROM rm_desk_visits WHERE tenant_id = $2 AND ($1::text IS NULL OR service_code = $1) GROUP BY desk`,
      [svc, tenant],
    ),
    db.query<{ desk: string; open: string; overdue_open: string }>(
      `SELECT desk, count(*)::text AS open, count(*) FILTER (WHERE step_due_at < $2)::text AS overdue_open
         FROM rm_desk_queue WHERE tenant_id = $3 AND ($1::text IS NULL OR service_code = $1) GROUP BY desk`,
      [svc, now, tenant],
    ),
    calendar
      ? db.query<{ desk: string; started_at: Date; ended_at: Date }>(
          `SELECT desk, started_at, ended_at FROM rm_desk_visits
            WHERE tenant_id = $2 AND ended_at IS NOT NULL AND ($1::text IS NULL OR service_code = $1)`,
          [svc, tenant],
        )
      : Promise.resolve({ rows: [] as { desk: string; started_at: Date; ended_at: Date }[] }),
  ]);
  const workingDays = new Map<string, { sum: number; n: number }>();
  for (const v of finished.rows) {
    const w = workingDays.get(v.desk) ?? { sum: 0, n: 0 };
    w.sum += calendar!.workingDaysBetween(v.started_at.toISOString(), v.ended_at.toISOString());
    w.n++;
    workingDays.set(v.desk, w);
  }
  const openAt = new Map(open.rows.map((r) => [r.desk, r]));
  const deskIds = [...new Set([...visits.rows.map((r) => r.desk), ...open.rows.map((r) => r.desk)])].sort();
  const visitsAt = new Map(visits.rows.map((r) => [r.desk, r]));
  return {
    services: [...services.values()].sort((a, b) => a.service.localeCompare(b.service)),
    desks: deskIds.map((desk) => {
      const v = visitsAt.get(desk);
      const w = workingDays.get(desk);
      return {
        desk,
        name: catalogue.deskName(desk, tenant),
        visits: Number(v?.visits ?? 0),
        open: Number(openAt.get(desk)?.open ?? 0),
        overdueOpen: Number(openAt.get(desk)?.overdue_open ?? 0),
        averageHours: v?.avg_hours == null ? null : Math.round(Number(v.avg_hours) * 10) / 10,
        averageWorkingDays: w ? Math.round((10 * w.sum) / w.n) / 10 : null,
      };
    }),
  };
}

/** Whether a dossier has ever waited at one of these desks (now or earlier): the processors' need to know. */
