import { Inject } from '@nestjs/common';
import { QueryHandler, type IQuery, type IQueryHandler } from '@nestjs/cqrs';
import type { ServiceCatalogue } from '../../../domain/src/index.js';
import type { SqlDatabase } from '../../../event-store/src/index.js';
import { deskQueue, dossierDetail, statistics, type QueueOrder } from '../../../read-models/src/index.js';
import { CATALOGUE, SQL_DATABASE } from '../../../platform/src/tokens.js';

export class GetDeskQueue implements IQuery {
  constructor(
    readonly desk: string,
    readonly service: string | undefined,
    readonly order: QueueOrder | undefined,
    readonly now: string,
  ) {}
}

export class GetDossierDetail implements IQuery {
  constructor(
    readonly idOrNumber: string,
    readonly now: string,
  ) {}
}

export class GetStatistics implements IQuery {
  constructor(
    readonly service: string | undefined,
    readonly now: string,
  ) {}
}

@QueryHandler(GetDeskQueue)
export class GetDeskQueueHandler implements IQueryHandler<GetDeskQueue> {
  constructor(@Inject(SQL_DATABASE) private readonly db: SqlDatabase) {}
  execute(q: GetDeskQueue) {
    return deskQueue(this.db, q.desk, { service: q.service, order: q.order, now: q.now });
  }
}

@QueryHandler(GetDossierDetail)
export class GetDossierDetailHandler implements IQueryHandler<GetDossierDetail> {
  constructor(@Inject(SQL_DATABASE) private readonly db: SqlDatabase) {}
  execute(q: GetDossierDetail) {
    return dossierDetail(this.db, q.idOrNumber, q.now);
  }
}

@QueryHandler(GetStatistics)
export class GetStatisticsHandler implements IQueryHandler<GetStatistics> {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(CATALOGUE) private readonly catalogue: ServiceCatalogue,
  ) {}
  execute(q: GetStatistics) {
    return statistics(this.db, this.catalogue, q.now, q.service);
  }
}

export const queryHandlers = [GetDeskQueueHandler, GetDossierDetailHandler, GetStatisticsHandler];
