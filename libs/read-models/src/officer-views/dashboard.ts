import { ikmByService, minimumSample, type IkmResult } from '#berkas/public-inbox';
import type { Label, WorkingCalendar } from '#berkas/domain';
import type { Queryable } from '#berkas/sql';
import type { DossierSummary } from '../summary/dossier-summary.js';
import { isOverdue } from '../summary/overdue.js';

// The supervisors' dashboard: flow in and out, the slowest and the stuck.

export interface Dashboard {
  from: string;
  to: string;
  /** Dossiers registered and closed (decided, handed over, withdrawn) per local day of the period. */
  perDay: { date: string; registered: number; closed: number }[];
  /** Open dossiers, longest in the MPP first, with working days since registration. */
  slowest: { dossierId: string; registrationNumber: string; service: string; step: Label | null; workingDays: number; overdue: boolean }[];
  /** Open dossiers whose step has not moved for at least `stuckAfter` working days. */
  stuck: { dossierId: string; registrationNumber: string; service: string; step: Label | null; desks: string[]; idleWorkingDays: number }[];
  stuckAfter: number;
  /** On-time rates over the period, a point per day, week or month (by its length), per service and per desk. */
  trend: Trend;
  /** The SKM survey's IKM per service, from the answers given in the period (Permenpan RB 14/2017). */
  ikm: IkmResult[];
}

/** The unit of a trend's points: days for a month or less, weeks up to half a year, months beyond. */
export type TrendUnit = 'day' | 'week' | 'month';

export interface Trend {
  unit: TrendUnit;
  /** The first local day of each point (weeks start on Monday). */
  buckets: string[];
  /** Dossiers closed (decided or handed over; withdrawn ones left out) in each bucket, and how many by their due date. */
  services: { service: string; points: TrendPoint[] }[];
  /** Desk visits finished in each bucket, how many by the step's due date, and their average length. */
  desks: { desk: string; points: (TrendPoint & { averageHours: number | null })[] }[];
}

export interface TrendPoint {
  count: number;
  onTime: number;
  /** Percent with one decimal, or null when nothing closed in the bucket. */
  rate: number | null;
}

/**
 * The supervisors' dashboard beyond `statistics`: the flow in and out per day
 * over a period (local days of the MPP's zone), the slowest open dossiers and
 * the stuck ones (no move for `stuckAfter` working days), by the calendar.
 */
export async function dashboard(
  db: Queryable,
  calendar: WorkingCalendar,
  options: { tenant: string; from: string; to: string; now: string; service?: string; stuckAfter: number; limit?: number },
): Promise<Dashboard> {
  const tenant = options.tenant;
  const svc = options.service ?? null;
  const zone = calendar.zone;
  const [flow, open, trend, satisfaction, population] = await Promise.all([
    db.query<{ day: string; registered: string; closed: string }>(
      `WITH days AS (
         SELECT (registered_at AT TIME ZONE $3)::date AS day, 1 AS registered, 0 AS closed FROM rm_dossiers
          WHERE tenant_id = $5 AND ($4::text IS NULL OR service_code = $4) AND ${period('registered_at')}
         UNION ALL
         SELECT (closed_at AT TIME ZONE $3)::date, 0, 1 FROM rm_dossiers
          WHERE tenant_id = $5 AND closed_at IS NOT NULL AND ($4::text IS NULL OR service_code = $4) AND ${period('closed_at')})
       SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(registered)::text AS registered, sum(closed)::text AS closed FROM days GROUP BY day`,
      [options.from, options.to, zone, svc, tenant],
    ),
    // The open dossiers' dates only: the summaries are read for the few the board shows.
    db.query<{ dossier_id: string; step_started_at: Date | null }>(
      `SELECT dossier_id, step_started_at FROM rm_dossiers WHERE tenant_id = $2 AND closed_at IS NULL AND lifecycle IN ('in-process', 'issued')
          AND ($1::text IS NULL OR service_code = $1) ORDER BY registered_at, dossier_id LIMIT 5000`,
      [svc, tenant],
    ),
    onTimeTrend(db, tenant, zone, options.from, options.to, svc),
    ikmByService(db, { tenant, from: options.from, to: options.to, zone, service: options.service }),
    db.query<{ service_code: string; n: number }>(
      `SELECT service_code, count(*)::int AS n FROM rm_dossiers
        WHERE tenant_id = $5 AND closed_at IS NOT NULL AND lifecycle <> 'withdrawn' AND ($4::text IS NULL OR service_code = $4)
          AND ${period('closed_at')} GROUP BY service_code`,
      [options.from, options.to, zone, svc, tenant],
    ),
  ]);
  // Each index beside its sample: the applicants served in the period, and the least sample the regulation asks of them.
  const served = new Map(population.rows.map((r) => [r.service_code, r.n]));
  const ikm = satisfaction.map((r) => {
    const n = Math.max(served.get(r.service) ?? 0, r.respondents);
    return { ...r, population: n, minimumSample: minimumSample(n) };
  });
  const byDay = new Map(flow.rows.map((r) => [r.day, r]));
  const perDay: Dashboard['perDay'] = [];
  for (let day = options.from; day <= options.to; day = nextDay(day)) {
    const r = byDay.get(day);
    perDay.push({ date: day, registered: Number(r?.registered ?? 0), closed: Number(r?.closed ?? 0) });
  }
  const limit = options.limit ?? 10;
  const idle = open.rows
    .map((r) => ({
      id: r.dossier_id,
      idle: r.step_started_at ? calendar.workingDaysBetween(r.step_started_at.toISOString(), options.now) : 0,
    }))
    .filter((r) => r.idle >= options.stuckAfter)
    .sort((a, b) => b.idle - a.idle)
    .slice(0, 50);
  const shown = [...new Set([...open.rows.slice(0, limit).map((r) => r.dossier_id), ...idle.map((r) => r.id)])];
  const { rows: summaries } = await db.query<{ summary: DossierSummary }>(
    'SELECT summary FROM rm_dossiers WHERE tenant_id = $1 AND dossier_id = ANY($2)',
    [tenant, shown],
  );
  const summaryOf = new Map(summaries.map(({ summary }) => [summary.dossierId, summary]));
  // A dossier the board shows, with what both lists say of it.
  const shownAs = <T>(id: string, more: (s: DossierSummary) => T) => {
    const s = summaryOf.get(id);
    return s
      ? [
          {
            dossierId: s.dossierId,
            registrationNumber: s.registrationNumber,
            service: s.service.code,
            step: s.step?.label ?? null,
            ...more(s),
          },
        ]
      : [];
  };
  const slowest = open.rows.slice(0, limit).flatMap((r) =>
    shownAs(r.dossier_id, (s) => ({
      workingDays: calendar.workingDaysBetween(s.registeredAt, options.now),
      overdue: isOverdue(s, options.now),
    })),
  );
  const stuck = idle.flatMap((r) => shownAs(r.id, (s) => ({ desks: s.step?.pendingDesks ?? [], idleWorkingDays: r.idle })));
  return { from: options.from, to: options.to, perDay, slowest, stuck, stuckAfter: options.stuckAfter, trend, ikm };
}

/**
 * `column` within the local days $1 to $2 (in the zone $3), as a range of instants: the same rows as
 * `(column AT TIME ZONE $3)::date BETWEEN $1 AND $2`, found in an index on the column instead of by reading every row.
 */
const period = (column: string) =>
  `${column} >= $1::date::timestamp AT TIME ZONE $3 AND ${column} < ($2::date + 1)::timestamp AT TIME ZONE $3`;

/** The unit that gives a readable number of points for a period of `days` days. */
export function trendUnit(from: string, to: string): TrendUnit {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  return days <= 31 ? 'day' : days <= 183 ? 'week' : 'month';
}

/** The first day of each bucket that meets [from, to], as date_trunc gives them. */
export function trendBuckets(from: string, to: string, unit: TrendUnit): string[] {
  const d = new Date(`${from}T00:00:00Z`);
  if (unit === 'week') d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  if (unit === 'month') d.setUTCDate(1);
  const out: string[] = [];
  while (d.toISOString().slice(0, 10) <= to) {
    out.push(d.toISOString().slice(0, 10));
    if (unit === 'day') d.setUTCDate(d.getUTCDate() + 1);
    else if (unit === 'week') d.setUTCDate(d.getUTCDate() + 7);
    else d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return out;
}

const rate = (count: number, onTime: number) => (count ? Math.round((1000 * onTime) / count) / 10 : null);

async function onTimeTrend(db: Queryable, tenant: string, zone: string, from: string, to: string, svc: string | null): Promise<Trend> {
  const unit = trendUnit(from, to);
  const buckets = trendBuckets(from, to, unit);
  const [services, desks] = await Promise.all([
    db.query<{ key: string; bucket: string; n: number; on_time: number }>(
      `SELECT service_code AS key, to_char(date_trunc($5, closed_at AT TIME ZONE $3), 'YYYY-MM-DD') AS bucket,
              count(*)::int AS n, count(*) FILTER (WHERE closed_at <= due_at)::int AS on_time
         FROM rm_dossiers
        WHERE tenant_id = $6 AND closed_at IS NOT NULL AND lifecycle <> 'withdrawn' AND ($4::text IS NULL OR service_code = $4)
          AND ${period('closed_at')}
        GROUP BY 1, 2`,
      [from, to, zone, svc, unit, tenant],
    ),
    db.query<{ key: string; bucket: string; n: number; on_time: number; hours: number | null }>(
      `SELECT desk AS key, to_char(date_trunc($5, ended_at AT TIME ZONE $3), 'YYYY-MM-DD') AS bucket,
              count(*)::int AS n, count(*) FILTER (WHERE ended_at <= due_at)::int AS on_time,
              (avg(extract(epoch FROM (ended_at - started_at))) / 3600)::float8 AS hours
         FROM rm_desk_visits
        WHERE tenant_id = $6 AND ended_at IS NOT NULL AND ($4::text IS NULL OR service_code = $4)
          AND ${period('ended_at')}
        GROUP BY 1, 2`,
      [from, to, zone, svc, unit, tenant],
    ),
  ]);
  /** One series per key, a point per bucket (zero where nothing finished). */
  const series = <R extends { key: string; bucket: string; n: number; on_time: number }, P>(
    rows: R[],
    point: (r: R | undefined) => P,
  ): { key: string; points: P[] }[] => {
    const byKey = new Map<string, Map<string, R>>();
    for (const r of rows) {
      if (!byKey.has(r.key)) byKey.set(r.key, new Map());
      byKey.get(r.key)!.set(r.bucket, r);
    }
    return [...byKey.keys()].sort().map((key) => ({ key, points: buckets.map((b) => point(byKey.get(key)!.get(b))) }));
  };
  return {
    unit,
    buckets,
    services: series(services.rows, (r) => ({ count: r?.n ?? 0, onTime: r?.on_time ?? 0, rate: rate(r?.n ?? 0, r?.on_time ?? 0) })).map(
      ({ key, points }) => ({ service: key, points }),
    ),
    desks: series(desks.rows, (r) => ({
      count: r?.n ?? 0,
      onTime: r?.on_time ?? 0,
      rate: rate(r?.n ?? 0, r?.on_time ?? 0),
      averageHours: r?.hours == null ? null : Math.round(r.hours * 10) / 10,
    })).map(({ key, points }) => ({ desk: key, points })),
  };
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
