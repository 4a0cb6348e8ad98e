import { SweepView } from '#berkas/platform';
import { ApiProblems } from '#berkas/platform';
import {
  Body,
  Controller,
  HttpCode,
  Inject,
  Logger,
  Post,
  UseGuards,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import type { ServiceCatalogue } from '#berkas/domain';
import type { SqlDatabase } from '#berkas/event-store';
import type { BerkasConfig } from '#berkas/platform';
import { BERKAS_CONFIG, CATALOGUE, SQL_DATABASE } from '#berkas/platform';
import { DossierCommandService } from '../application/dossier-command.service.js';
import { sweepLapsedDeadlines } from '../application/sla-sweep.js';
import { OfficerGuard, Roles } from '../auth/officer.guard.js';
import { EmptyDto } from './dossier.dtos.js';

/** Runs the fiktif positif sweep on a timer, and on demand for supervisors. */
@ApiTags('sla')
@ApiBearerAuth()
@UseGuards(OfficerGuard)
@Controller('api/sla')
export class SlaController implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SlaSweep');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(CATALOGUE) private readonly catalogue: ServiceCatalogue,
    @Inject(DossierCommandService) private readonly service: DossierCommandService,
    @Inject(BERKAS_CONFIG) private readonly config: BerkasConfig,
  ) {}

  @Post('sweep')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Record deemed approvals (fiktif positif) for lapsed deadlines now' })
  @ApiProblems(400, 401, 403, 503)
  @ApiOkResponse({ type: SweepView })
  sweepNow(@Body() _body: EmptyDto) {
    return this.sweep();
  }

  private sweep() {
    return sweepLapsedDeadlines(this.db, this.catalogue, this.service, new Date().toISOString());
  }

  onApplicationBootstrap(): void {
    if (!this.config.SLA_SWEEP_SECONDS) return;
    this.timer = setInterval(() => {
      this.sweep().then(
        (r) => r.deemedApproved.length && this.logger.log(`deemed approved: ${r.deemedApproved.join(', ')}`),
        (e: unknown) => this.logger.error(e instanceof Error ? e.stack : String(e)),
      );
    }, this.config.SLA_SWEEP_SECONDS * 1000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
