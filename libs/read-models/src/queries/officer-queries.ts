import { ikmByService, type IkmResult } from './skm.js';
import type { ServiceCatalogue, WorkingCalendar } from '#berkas/domain';
import type { Queryable } from '#berkas/sql';
import type { DossierSummary } from '../projections/dossier-summary.js';

export interface QueueItem {
  dossierId: string;
  registrationNumber: string;
  service: string;
  applicantName: string;
  publicStatus: string;
  step: { id: string; label: { id: string; en: string } } | null;
  waitingSince: string | null;
  stepDueAt: string | null;
  dueAt: string;
  dueProvisional: boolean;
  stepDueProvisional: boolean;
  overdue: boolean;
  heldBy: string | null;
}

/** A page of a list, with the total of the whole list. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export type QueueOrder = 'urgent' | 'oldest';

/** A queue page; `total` counts the dossiers waiting in all (with the same filter). */
export type QueuePage = Page<QueueItem>;

/**
 * What waits on a desk, a page at a time: most urgent (earliest step due
 * date) or oldest first, ties broken by dossier id so pages never overlap or
 * skip while nothing moves.
 */
export async function deskQueue(
  db: Queryable,
  desk: string,
  options: {
    service?: string;
    order?: QueueOrder;
    now: string;
    limit?: number;
    offset?: number;
    overdueOnly?: boolean;
    /** Only the dossiers this officer holds at the desk. */
    heldBy?: string;
  },
): Promise<QueuePage> {
  const order =
    options.order === 'oldest'
      ? 'step_started_at ASC, registered_at ASC, dossier_id ASC'
      : 'step_due_at ASC NULLS LAST, registered_at ASC, dossier_id ASC';
  const limit = options.limit ?? 50;
  const offset = options.offset ?? 0;
  // rm_desk_queue holds one row per dossier waiting at a desk, indexed (desk, sort columns): the page is an index range.
  // Overdue only: past the step's due date (the same index serves it, led by the desk).
  const where = `q.desk = $1 AND ($2::text IS NULL OR q.service_code = $2) AND ($3::timestamptz IS NULL OR q.step_due_at < $3)
    AND ($4::text IS NULL OR q.held_by = $4)`;
  const late = options.overdueOnly ? options.now : null;
  const filters = [desk, options.service ?? null, late, options.heldBy ?? null];
  const [{ rows }, counted] = await Promise.all([
    db.query<{ summary: DossierSummary }>(
      `SELECT d.summary FROM (SELECT q.dossier_id, q.step_due_at, q.step_started_at, q.registered_at FROM rm_desk_queue q
          WHERE ${where} ORDER BY ${order.replace(/(\w+) (ASC|DESC)/g, 'q.$1 $2')} LIMIT $5 OFFSET $6) k
        JOIN rm_dossiers d USING (dossier_id) ORDER BY ${order.replace(/(\w+) (ASC|DESC)/g, 'k.$1 $2').replace('k.dossier_id', 'dossier_id')}`,
      [...filters, limit, offset],
    ),
    db.query<{ total: number }>(`SELECT count(*)::int AS total FROM rm_desk_queue q WHERE ${where}`, filters),
  ]);
  const items = rows.map(({ summary: s }) => toQueueItem(s, desk, options.now));
  return { items, total: counted.rows[0]?.total ?? 0, limit, offset };
}

function toQueueItem(s: DossierSummary, desk: string, now: string): QueueItem {
  return {
    dossierId: s.dossierId,
    registrationNumber: s.registrationNumber,
    service: s.service.code,
    applicantName: s.applicant.name,
    publicStatus: s.publicStatus,
    step: s.step && { id: s.step.id, label: s.step.label },
    waitingSince: s.step?.startedAt ?? null,
    stepDueAt: s.step?.due.dueAt ?? null,
    dueAt: s.due.dueAt,
    dueProvisional: s.due.provisional,
    stepDueProvisional: s.step?.due.provisional ?? false,
    overdue: isOverdue(s, now),
    heldBy: s.holders[desk] ?? null,
  };
}

export function isOverdue(s: DossierSummary, now: string): boolean {
  if (s.closedAt || s.lifecycle === 'returned') return false;
  const stepLate = s.step ? s.step.due.dueAt < now && s.lifecycle === 'in-process' : false;
  return stepLate || s.due.dueAt < now;
}

export interface HistoryEntry {
  version: number;
  type: string;
  at: string;
  officerId: string | null;
  data: Record<string, unknown>;
}

/** One dossier for officers, with the full audit trail of who did what, when and why. */
export async function dossierDetail(
  db: Queryable,
  idOrNumber: string,
  now: string,
): Promise<(DossierSummary & { version: number; overdue: boolean; history: HistoryEntry[] }) | undefined> {
  const { rows } = await db.query<{ dossier_id: string; last_version: number; summary: DossierSummary }>(
    'SELECT dossier_id, last_version, summary FROM rm_dossiers WHERE dossier_id = $1 OR registration_number = $1',
    [idOrNumber],
  );
  if (!rows[0]) return undefined;
  const history = await db.query<{
    stream_version: number;
    type: string;
    at: Date;
    officer_id: string | null;
    data: Record<string, unknown>;
  }>('SELECT stream_version, type, at, officer_id, data FROM rm_history WHERE dossier_id = $1 ORDER BY stream_version', [
    rows[0].dossier_id,
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
  catalogue: ServiceCatalogue,
  now: string,
  service?: string,
  /** For the average in working days; without it, hours only. */
  calendar?: WorkingCalendar,
): Promise<{ services: ServiceStatistics[]; desks: DeskStatistics[] }> {
  const svc = service ?? null;
  const counts = await db.query<{ service_code: string; public_status: string; n: string }>(
    `SELECT service_code, public_status, count(*)::text AS n FROM rm_dossiers
      WHERE ($1::text IS NULL OR service_code = $1) GROUP BY service_code, public_status`,
    [svc],
  );
  const timing = await db.query<{ service_code: string; closed: string; on_time: string; overdue_open: string }>(
    `SELECT service_code,
            count(*) FILTER (WHERE closed_at IS NOT NULL AND lifecycle <> 'withdrawn')::text AS closed,
            count(*) FILTER (WHERE closed_at IS NOT NULL AND lifecycle <> 'withdrawn' AND closed_at <= due_at)::text AS on_time,
            count(*) FILTER (WHERE closed_at IS NULL AND lifecycle <> 'returned' AND (due_at < $2 OR step_due_at < $2))::text AS overdue_open
       FROM rm_dossiers WHERE ($1::text IS NULL OR service_code = $1) GROUP BY service_code`,
    [svc, now],
  );
  const services = new Map<string, ServiceStatistics>();
  const get = (code: string) => {
    if (!services.has(code))
      services.set(code, {
        service: code,
        name: catalogue.latest(code)?.name ?? { id: code, en: code },
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
         FROM rm_desk_visits WHERE ($1::text IS NULL OR service_code = $1) GROUP BY desk`,
      [svc],
    ),
    db.query<{ desk: string; open: string; overdue_open: string }>(
      `SELECT desk, count(*)::text AS open, count(*) FILTER (WHERE step_due_at < $2)::text AS overdue_open
         FROM rm_desk_queue WHERE ($1::text IS NULL OR service_code = $1) GROUP BY desk`,
      [svc, now],
    ),
    calendar
      ? db.query<{ desk: string; started_at: Date; ended_at: Date }>(
          `SELECT desk, started_at, ended_at FROM rm_desk_visits
            WHERE ended_at IS NOT NULL AND ($1::text IS NULL OR service_code = $1)`,
          [svc],
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
        name: catalogue.deskName(desk),
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
export async function dossierReachedDesks(db: Queryable, dossierId: string, desks: string[]): Promise<boolean> {
  if (!desks.length) return false;
  const { rows } = await db.query('SELECT 1 FROM rm_desk_visits WHERE dossier_id = $1 AND desk = ANY($2) LIMIT 1', [dossierId, desks]);
  return rows.length > 0;
}

export interface SearchItem {
  dossierId: string;
  registrationNumber: string;
  service: string;
  applicantName: string;
  permitNumber: string | null;
  lifecycle: DossierSummary['lifecycle'];
  publicStatus: string;
  step: { id: string; label: { id: string; en: string } } | null;
  pendingDesks: string[];
  registeredAt: string;
  dueAt: string;
  overdue: boolean;
}

/** A search page; `total` counts every match this officer may see. */
export type SearchPage = Page<SearchItem>;

/** LIKE's wildcards in what an officer typed are meant literally. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Dossiers by registration number or permit number (from the start, any case)
 * or by any part of the applicant's name, newest first, ties by id so pages
 * never overlap. `desks` limits the search to dossiers that have reached one
 * of those desks (a processor's need to know, D14); undefined searches all.
 */
export async function searchDossiers(
  db: Queryable,
  text: string,
  options: { desks?: string[]; service?: string; now: string; limit?: number; offset?: number },
): Promise<SearchPage> {
  const limit = options.limit ?? 50;
  const offset = options.offset ?? 0;
  const term = likeLiteral(text.trim().toLowerCase());
  const where = `(lower(d.registration_number) LIKE $1 || '%' OR lower(d.permit_number) LIKE $1 || '%'
      OR lower(d.applicant_name) LIKE '%' || $1 || '%')
    AND ($2::text IS NULL OR d.service_code = $2)
    AND ($3::text[] IS NULL OR EXISTS (SELECT 1 FROM rm_desk_visits v WHERE v.dossier_id = d.dossier_id AND v.desk = ANY($3)))`;
  const params = [term, options.service ?? null, options.desks ?? null];
  const [{ rows }, counted] = await Promise.all([
    db.query<{ summary: DossierSummary }>(
      `SELECT d.summary FROM rm_dossiers d WHERE ${where} ORDER BY d.registered_at DESC, d.dossier_id LIMIT $4 OFFSET $5`,
      [...params, limit, offset],
    ),
    db.query<{ total: number }>(`SELECT count(*)::int AS total FROM rm_dossiers d WHERE ${where}`, params),
  ]);
  const items = rows.map(({ summary: s }) => ({
    dossierId: s.dossierId,
    registrationNumber: s.registrationNumber,
    service: s.service.code,
    applicantName: s.applicant.name,
    permitNumber: s.permit?.number ?? null,
    lifecycle: s.lifecycle,
    publicStatus: s.publicStatus,
    step: s.step && { id: s.step.id, label: s.step.label },
    pendingDesks: s.lifecycle === 'in-process' || s.lifecycle === 'issued' ? (s.step?.pendingDesks ?? []) : [],
    registeredAt: s.registeredAt,
    dueAt: s.due.dueAt,
    overdue: isOverdue(s, options.now),
  }));
  return { items, total: counted.rows[0]?.total ?? 0, limit, offset };
}

export interface ReturnedItem {
  dossierId: string;
  registrationNumber: string;
  service: string;
  applicantName: string;
  applicantPhone: string | null;
  /** The desk that returned it, which gets it back on resubmission. */
  desk: string;
  reasons: string[];
  returnedAt: string;
  registeredAt: string;
}

/**
 * Dossiers waiting for the applicant's corrections: at no desk, so in no desk
 * queue; the front desk takes the corrections in. Longest waiting first, a
 * page at a time with the total.
 */
export async function returnedDossiers(
  db: Queryable,
  options: { limit?: number; offset?: number; desk?: string; service?: string } = {},
): Promise<Page<ReturnedItem>> {
  const limit = options.limit ?? 50;
  const offset = options.offset ?? 0;
  // One desk's: the dossiers it sent back, which come back to it (a processor's "returned" filter).
  const where = `lifecycle = 'returned' AND ($1::text IS NULL OR summary->'correction'->>'desk' = $1)
    AND ($2::text IS NULL OR service_code = $2)`;
  const filters = [options.desk ?? null, options.service ?? null];
  const [{ rows }, counted] = await Promise.all([
    db.query<{ summary: DossierSummary }>(
      `SELECT summary FROM rm_dossiers WHERE ${where} ORDER BY registered_at, dossier_id LIMIT $3 OFFSET $4`,
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

type Label = { id: string; en: string };

/**
 * The supervisors' dashboard beyond `statistics`: the flow in and out per day
 * over a period (local days of the MPP's zone), the slowest open dossiers and
 * the stuck ones (no move for `stuckAfter` working days), by the calendar.
 */
export async function dashboard(
  db: Queryable,
  calendar: WorkingCalendar,
  options: { from: string; to: string; now: string; service?: string; stuckAfter: number; limit?: number },
): Promise<Dashboard> {
  const svc = options.service ?? null;
  const zone = calendar.zone;
  const [flow, open, trend, satisfaction] = await Promise.all([
    db.query<{ day: string; registered: string; closed: string }>(
      `WITH days AS (
         SELECT (registered_at AT TIME ZONE $3)::date AS day, 1 AS registered, 0 AS closed FROM rm_dossiers
          WHERE ($4::text IS NULL OR service_code = $4) AND (registered_at AT TIME ZONE $3)::date BETWEEN $1::date AND $2::date
         UNION ALL
         SELECT (closed_at AT TIME ZONE $3)::date, 0, 1 FROM rm_dossiers
          WHERE closed_at IS NOT NULL AND ($4::text IS NULL OR service_code = $4) AND (closed_at AT TIME ZONE $3)::date BETWEEN $1::date AND $2::date)
       SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(registered)::text AS registered, sum(closed)::text AS closed FROM days GROUP BY day`,
      [options.from, options.to, zone, svc],
    ),
    db.query<{ summary: DossierSummary }>(
      `SELECT summary FROM rm_dossiers WHERE closed_at IS NULL AND lifecycle IN ('in-process', 'issued')
          AND ($1::text IS NULL OR service_code = $1) ORDER BY registered_at, dossier_id LIMIT 5000`,
      [svc],
    ),
    onTimeTrend(db, zone, options.from, options.to, svc),
    ikmByService(db, { from: options.from, to: options.to, zone, service: options.service }),
  ]);
  const byDay = new Map(flow.rows.map((r) => [r.day, r]));
  const perDay: Dashboard['perDay'] = [];
  for (let day = options.from; day <= options.to; day = nextDay(day)) {
    const r = byDay.get(day);
    perDay.push({ date: day, registered: Number(r?.registered ?? 0), closed: Number(r?.closed ?? 0) });
  }
  const limit = options.limit ?? 10;
  const slowest = open.rows.slice(0, limit).map(({ summary: s }) => ({
    dossierId: s.dossierId,
    registrationNumber: s.registrationNumber,
    service: s.service.code,
    step: s.step?.label ?? null,
    workingDays: calendar.workingDaysBetween(s.registeredAt, options.now),
    overdue: isOverdue(s, options.now),
  }));
  const stuck = open.rows
    .map(({ summary: s }) => ({ s, idle: s.step ? calendar.workingDaysBetween(s.step.startedAt, options.now) : 0 }))
    .filter(({ idle }) => idle >= options.stuckAfter)
    .sort((a, b) => b.idle - a.idle)
    .slice(0, 50)
    .map(({ s, idle }) => ({
      dossierId: s.dossierId,
      registrationNumber: s.registrationNumber,
      service: s.service.code,
      step: s.step?.label ?? null,
      desks: s.step?.pendingDesks ?? [],
      idleWorkingDays: idle,
    }));
  return { from: options.from, to: options.to, perDay, slowest, stuck, stuckAfter: options.stuckAfter, trend, ikm: satisfaction };
}

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

async function onTimeTrend(db: Queryable, zone: string, from: string, to: string, svc: string | null): Promise<Trend> {
  const unit = trendUnit(from, to);
  const buckets = trendBuckets(from, to, unit);
  const [services, desks] = await Promise.all([
    db.query<{ key: string; bucket: string; n: number; on_time: number }>(
      `SELECT service_code AS key, to_char(date_trunc($5, closed_at AT TIME ZONE $3), 'YYYY-MM-DD') AS bucket,
              count(*)::int AS n, count(*) FILTER (WHERE closed_at <= due_at)::int AS on_time
         FROM rm_dossiers
        WHERE closed_at IS NOT NULL AND lifecycle <> 'withdrawn' AND ($4::text IS NULL OR service_code = $4)
          AND (closed_at AT TIME ZONE $3)::date BETWEEN $1::date AND $2::date
        GROUP BY 1, 2`,
      [from, to, zone, svc, unit],
    ),
    db.query<{ key: string; bucket: string; n: number; on_time: number; hours: number | null }>(
      `SELECT desk AS key, to_char(date_trunc($5, ended_at AT TIME ZONE $3), 'YYYY-MM-DD') AS bucket,
              count(*)::int AS n, count(*) FILTER (WHERE ended_at <= due_at)::int AS on_time,
              (avg(extract(epoch FROM (ended_at - started_at))) / 3600)::float8 AS hours
         FROM rm_desk_visits
        WHERE ended_at IS NOT NULL AND ($4::text IS NULL OR service_code = $4)
          AND (ended_at AT TIME ZONE $3)::date BETWEEN $1::date AND $2::date
        GROUP BY 1, 2`,
      [from, to, zone, svc, unit],
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
