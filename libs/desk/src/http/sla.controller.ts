import { SweepView } from './sla.views.js';
import { ApiProblems } from '#berkas/platform';
import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import type { ServiceCatalogue } from '#berkas/domain';
import type { SqlDatabase } from '#berkas/sql';
import { CATALOGUE, CLOCK, SQL_DATABASE, type Clock } from '#berkas/platform';
import { DossierCommandService } from '../application/dossier-command.service.js';
import { sweepLapsedDeadlines } from '../application/sla-sweep.js';
import { OfficerGuard, Roles } from '../auth/officer.guard.js';
import { EmptyDto } from './dtos/index.js';

/** The fiktif positif sweep on demand for supervisors (the timer is a job of its own: DeskJobsModule, D37). */
@ApiTags('sla')
@ApiBearerAuth()
@UseGuards(OfficerGuard)
@Controller('api/sla')
export class SlaController {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(CATALOGUE) private readonly catalogue: ServiceCatalogue,
    @Inject(DossierCommandService) private readonly service: DossierCommandService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('sweep')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Record deemed approvals (fiktif positif) for lapsed deadlines now' })
  @ApiProblems(400, 401, 403, 503)
  @ApiOkResponse({ type: SweepView })
  sweepNow(@Body() _body: EmptyDto) {
    return sweepLapsedDeadlines(this.db, this.catalogue, this.service, this.clock.now());
  }
}
