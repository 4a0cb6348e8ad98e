import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import type { SqlDatabase } from '#berkas/sql';
import { ApiProblems, CLOCK, SQL_DATABASE, type Clock } from '#berkas/platform';
import { complaintQueue, type ComplaintItem } from '#berkas/public-inbox';
import { PageDto } from './dtos/index.js';
import { CurrentOfficer, OfficerGuard, Roles, type OfficerClaims } from '../auth/officer.guard.js';

export class ComplaintsQueryDto extends PageDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: only the ones not yet answered' })
  @IsOptional()
  @IsIn(['true', 'false'])
  open?: 'true' | 'false';
}

/** Supervisors' complaint queue (pengaduan), soonest deadline first (the intake from the public page is a job: DeskJobsModule). */
@ApiTags('complaints')
@ApiBearerAuth()
@UseGuards(OfficerGuard)
@Controller('api/complaints')
export class ComplaintsController {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('supervisor')
  @ApiOperation({
    summary: 'Complaints about dossiers, soonest deadline first, a page at a time with the total (?open=true: not yet answered)',
  })
  @ApiProblems(400, 401, 403, 503)
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: { total: { type: 'integer' }, items: { type: 'array', items: { type: 'object', additionalProperties: true } } },
    },
  })
  list(@CurrentOfficer() officer: OfficerClaims, @Query() q: ComplaintsQueryDto): Promise<{ total: number; items: ComplaintItem[] }> {
    const page = { open: q.open === 'true', limit: q.limit ?? 50, offset: q.offset ?? 0, now: this.clock.now() };
    return complaintQueue(this.db, { tenant: officer.tenant, ...page });
  }
}
