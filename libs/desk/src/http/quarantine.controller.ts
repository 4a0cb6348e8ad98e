import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Logger,
  NotFoundException,
  Post,
  Query,
  UnprocessableEntityException,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import { dossierStream, type ServiceCatalogue } from '#berkas/domain';
import type { EventStore } from '#berkas/event-store';
import type { SqlDatabase } from '#berkas/sql';
import { ApiProblems, CATALOGUE, EVENT_STORE, SQL_DATABASE, TENANTS, type Tenants } from '#berkas/platform';
import {
  listQuarantine,
  READ_MODEL_NAMES,
  readModelProjections,
  retryQuarantined,
  toProjected,
  type Projection,
  type QuarantinedDossier,
} from '#berkas/read-models';
import { CurrentOfficer, OfficerGuard, Roles, type OfficerClaims } from '../auth/officer.guard.js';
import { PageDto } from './dtos/index.js';

export class RetryQuarantineDto {
  @ApiProperty({ enum: READ_MODEL_NAMES })
  @IsIn(READ_MODEL_NAMES)
  projection!: (typeof READ_MODEL_NAMES)[number];

  @ApiProperty({ example: '0b6f6c1e-8a4b-4f55-9d62-3a4a7f0d2c11' })
  @IsString()
  @Matches(/^[0-9a-zA-Z-]{1,64}$/, { message: 'must be a dossier id' })
  dossierId!: string;
}

/**
 * Dossiers a projection stopped applying because one of their events failed
 * (D36), for supervisors and administrators: what failed and why, and a retry
 * that re-applies the dossier's events in order once the cause is fixed.
 */
@ApiTags('operations')
@ApiBearerAuth()
@UseGuards(OfficerGuard)
@Controller('api/quarantine')
export class QuarantineController {
  private readonly logger = new Logger('Quarantine');
  private readonly projections: Map<string, Projection>;

  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CATALOGUE) catalogue: ServiceCatalogue,
    @Inject(TENANTS) tenants: Tenants,
  ) {
    this.projections = new Map(readModelProjections(catalogue, tenants.home.code).map((p) => [p.name, p]));
  }

  @Get()
  @Roles('supervisor')
  @ApiOperation({ summary: 'Quarantined dossiers, oldest first, with the event that failed and the error' })
  @ApiProblems(400, 401, 403, 503)
  @ApiOkResponse({
    schema: { type: 'object', properties: { total: { type: 'integer' }, items: { type: 'array', items: { type: 'object' } } } },
  })
  list(@Query() q: PageDto): Promise<{ total: number; items: QuarantinedDossier[] }> {
    return listQuarantine(this.db, q.limit ?? 50, q.offset ?? 0);
  }

  @Post('retry')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: "Re-applies a quarantined dossier's events in order; answers 422 with the error when one still fails" })
  @ApiProblems(400, 401, 403, 404, 422, 503)
  @ApiOkResponse({ schema: { type: 'object', properties: { released: { type: 'boolean' }, applied: { type: 'integer' } } } })
  async retry(@Body() body: RetryQuarantineDto, @CurrentOfficer() officer: OfficerClaims): Promise<{ released: true; applied: number }> {
    const projection = this.projections.get(body.projection)!;
    const result = await retryQuarantined(this.db, projection, body.dossierId, async (id) => {
      const { events } = await this.store.readStream(dossierStream(id));
      return events.map(toProjected).filter((e): e is NonNullable<typeof e> => e !== undefined);
    });
    if (!result.released && result.error === 'not in quarantine')
      throw new NotFoundException(
        `Berkas ini tidak dikarantina untuk ${body.projection} / This dossier is not quarantined for ${body.projection}`,
      );
    if (!result.released) throw new UnprocessableEntityException(`Masih gagal / Still failing: ${result.error ?? 'unknown error'}`);
    this.logger.log(`dossier ${body.dossierId} released from quarantine for ${body.projection} by ${officer.officerId}`);
    return { released: true, applied: result.applied };
  }
}
