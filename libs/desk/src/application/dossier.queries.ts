import { ForbiddenException, Inject } from '@nestjs/common';
import { QueryHandler, type IQuery, type IQueryHandler } from '@nestjs/cqrs';
import { dossierStream, type Actor, type ServiceCatalogue } from '#berkas/domain';
import type { EventStore } from '#berkas/event-store';
import type { SqlDatabase } from '#berkas/sql';
import {
  dashboard,
  deskQueue,
  auditTrail,
  dossierDetail,
  dossierReachedDesks,
  returnedDossiers,
  searchDossiers,
  reduceSummary,
  statistics,
  toProjected,
  type DossierSummary,
  type QueueOrder,
} from '#berkas/read-models';
import { AccessLog } from '../auth/access-log.js';
import { CATALOGUE, EVENT_STORE, SQL_DATABASE, TENANTS, type Tenants } from '#berkas/platform';

/** The MPP a read is for: the officer's own (issue 23); a caller without one (a job) reads the home tenant's. */
const tenantOf = (tenants: Tenants, officer: Actor) => tenants.of(officer.tenant).code;

export class GetDeskQueue implements IQuery {
  constructor(
    /** The MPP whose desk it is. */
    readonly tenant: string,
    readonly desk: string,
    readonly service: string | undefined,
    readonly order: QueueOrder | undefined,
    readonly now: string,
    readonly page: { limit?: number; offset?: number } = {},
    /** Only dossiers past their step due date. */
    readonly overdueOnly = false,
    /** Only the dossiers this officer holds there. */
    readonly heldBy?: string,
  ) {}
}

export class GetDossierDetail implements IQuery {
  constructor(
    readonly idOrNumber: string,
    readonly now: string,
    /** Whose need to know is checked, and recorded in the access log. */
    readonly officer: Actor,
    /** What is read, as the access log says it (the detail, or one of the dossier's files). */
    readonly what = 'detail',
  ) {}
}

/** Roles that may read any dossier's personal data: oversight, and the counter that serves every applicant. */
export const SEES_ALL_DOSSIERS: ReadonlySet<Actor['role']> = new Set(['supervisor', 'admin', 'front-desk']);

/** Dossiers by number or applicant name, within what the officer may see (D14, D27). */
export class SearchDossiers implements IQuery {
  constructor(
    readonly text: string,
    readonly service: string | undefined,
    readonly now: string,
    readonly officer: Actor,
    readonly page: { limit?: number; offset?: number } = {},
  ) {}
}

@QueryHandler(SearchDossiers)
export class SearchDossiersHandler implements IQueryHandler<SearchDossiers> {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(TENANTS) private readonly tenants: Tenants,
  ) {}
  execute(q: SearchDossiers) {
    // A processor finds the dossiers that have reached one of their desks, as they may open them.
    const desks = SEES_ALL_DOSSIERS.has(q.officer.role) ? undefined : q.officer.desks;
    return searchDossiers(this.db, tenantOf(this.tenants, q.officer), q.text, { desks, service: q.service, now: q.now, ...q.page });
  }
}

/** Dossiers waiting for the applicant's corrections (the front desk's list; one desk's, for its processors). */
export class GetReturnedDossiers implements IQuery {
  constructor(
    readonly tenant: string,
    readonly page: { limit?: number; offset?: number } = {},
    readonly desk?: string,
    readonly service?: string,
  ) {}
}

@QueryHandler(GetReturnedDossiers)
export class GetReturnedDossiersHandler implements IQueryHandler<GetReturnedDossiers> {
  constructor(@Inject(SQL_DATABASE) private readonly db: SqlDatabase) {}
  execute(q: GetReturnedDossiers) {
    return returnedDossiers(this.db, q.tenant, { ...q.page, desk: q.desk, service: q.service });
  }
}

export class GetDashboard implements IQuery {
  constructor(
    readonly tenant: string,
    readonly from: string,
    readonly to: string,
    readonly service: string | undefined,
    readonly now: string,
    readonly stuckAfter: number,
  ) {}
}

@QueryHandler(GetDashboard)
export class GetDashboardHandler implements IQueryHandler<GetDashboard> {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(TENANTS) private readonly tenants: Tenants,
  ) {}
  execute(q: GetDashboard) {
    // Days and working days as the MPP counts them (its zone, its holidays).
    const calendar = this.tenants.of(q.tenant).calendar;
    const { tenant, from, to, now, service, stuckAfter } = q;
    return dashboard(this.db, calendar, { tenant, from, to, now, service, stuckAfter });
  }
}

export class GetStatistics implements IQuery {
  constructor(
    readonly tenant: string,
    readonly service: string | undefined,
    readonly now: string,
  ) {}
}

@QueryHandler(GetDeskQueue)
export class GetDeskQueueHandler implements IQueryHandler<GetDeskQueue> {
  constructor(@Inject(SQL_DATABASE) private readonly db: SqlDatabase) {}
  execute(q: GetDeskQueue) {
    const { service, order, now, overdueOnly, heldBy } = q;
    return deskQueue(this.db, q.tenant, q.desk, { service, order, now, overdueOnly, heldBy, ...q.page });
  }
}

/**
 * A dossier with the applicant's personal data and full trail, on a need-to-know
 * basis (see docs/decisions.md, D14): supervisors, admins and the front desk,
 * or a processor at a desk the dossier has reached. Every read, and every
 * refusal, is recorded before anything is answered.
 */
@QueryHandler(GetDossierDetail)
export class GetDossierDetailHandler implements IQueryHandler<GetDossierDetail> {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(AccessLog) private readonly accessLog: AccessLog,
    @Inject(TENANTS) private readonly tenants: Tenants,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}
  async execute(q: GetDossierDetail) {
    // Another MPP's dossier is not found: the same answer as one that does not exist.
    const tenant = tenantOf(this.tenants, q.officer);
    const d = await dossierDetail(this.db, tenant, q.idOrNumber, q.now, (id, upTo) => auditTrail(this.store, id, upTo));
    if (!d) return undefined;
    await mayRead(this.db, this.accessLog, q.officer, tenant, d, q.what);
    return d;
  }
}

/** D14's need to know, recorded in the access log before anything is answered; 403 when refused. */
async function mayRead(
  db: SqlDatabase,
  accessLog: AccessLog,
  officer: Actor,
  tenant: string,
  d: { dossierId: string; registrationNumber: string },
  what: string,
): Promise<void> {
  const allowed = SEES_ALL_DOSSIERS.has(officer.role) || (await dossierReachedDesks(db, tenant, d.dossierId, officer.desks));
  await accessLog.record({
    tenant,
    officerId: officer.officerId,
    role: officer.role,
    dossierId: d.dossierId,
    registrationNumber: d.registrationNumber,
    what,
    allowed,
  });
  if (!allowed)
    throw new ForbiddenException({
      code: 'DOSSIER.NOT_YOURS_TO_READ',
      message:
        'Berkas ini belum pernah sampai di meja Anda; data pribadinya tidak dapat dibuka / This dossier has never reached your desk: its personal data is not yours to read',
    });
}

/** A dossier as it was just after one of its events (time travel), folded from its stream in the event log. */
export class GetDossierAsOf implements IQuery {
  constructor(
    readonly dossierId: string,
    readonly version: number,
    readonly officer: Actor,
  ) {}
}

@QueryHandler(GetDossierAsOf)
export class GetDossierAsOfHandler implements IQueryHandler<GetDossierAsOf> {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CATALOGUE) private readonly catalogue: ServiceCatalogue,
    @Inject(AccessLog) private readonly accessLog: AccessLog,
    @Inject(TENANTS) private readonly tenants: Tenants,
  ) {}
  async execute(q: GetDossierAsOf) {
    const { events } = await this.store.readStream(dossierStream(q.dossierId));
    const upTo = events.filter((e) => e.streamVersion <= q.version);
    if (!upTo.length || q.version > events.length) return undefined;
    let summary: DossierSummary | undefined;
    for (const stored of upTo) {
      const p = toProjected(stored);
      if (p) summary = reduceSummary(summary, p, this.catalogue);
    }
    if (!summary) return undefined;
    // Read from the log itself: another MPP's dossier is not found here either.
    const tenant = tenantOf(this.tenants, q.officer);
    if (this.tenants.of(summary.tenant).code !== tenant) return undefined;
    await mayRead(this.db, this.accessLog, q.officer, tenant, summary, 'as-of');
    const last = toProjected(upTo[upTo.length - 1])!;
    return { ...summary, version: q.version, latestVersion: events.length, at: last.at, event: last.event.type };
  }
}

@QueryHandler(GetStatistics)
export class GetStatisticsHandler implements IQueryHandler<GetStatistics> {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(CATALOGUE) private readonly catalogue: ServiceCatalogue,
    @Inject(TENANTS) private readonly tenants: Tenants,
  ) {}
  execute(q: GetStatistics) {
    return statistics(this.db, q.tenant, this.catalogue, q.now, q.service, this.tenants.of(q.tenant).calendar);
  }
}

export const queryHandlers = [
  GetDeskQueueHandler,
  GetDossierDetailHandler,
  GetDossierAsOfHandler,
  SearchDossiersHandler,
  GetReturnedDossiersHandler,
  GetStatisticsHandler,
  GetDashboardHandler,
];
