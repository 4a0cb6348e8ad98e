import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ServiceCatalogue } from '#berkas/domain';
import { ApiProblems, CATALOGUE, CLOCK, SQL_DATABASE, type Clock } from '#berkas/platform';
import { escalationList, markEscalationRead } from '#berkas/read-models';
import type { SqlDatabase } from '#berkas/sql';
import { CurrentOfficer, OfficerGuard, Roles, type OfficerClaims } from '../auth/officer.guard.js';
import { EscalationQueryDto, EscalationReadDto } from './dtos/index.js';

/** The supervisors' notice centre: deadlines near, passed, and fiktif positif tomorrow (the escalation job's notices). */
@ApiTags('sla')
@ApiBearerAuth()
@UseGuards(OfficerGuard)
@Controller('api/escalations')
export class EscalationsController {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(CATALOGUE) private readonly catalogue: ServiceCatalogue,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary: "The supervisors' notices, newest first, with how many are unread and whether each dossier is still where it was",
  })
  @ApiProblems(400, 401, 403, 503)
  @ApiOkResponse({ schema: { type: 'object', required: ['items', 'unread'], additionalProperties: true } })
  list(@CurrentOfficer() officer: OfficerClaims, @Query() q: EscalationQueryDto) {
    return escalationList(this.db, this.catalogue, { tenant: officer.tenant, unread: q.unread === 'true' });
  }

  @Post('read')
  @HttpCode(200)
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Marks a notice read (by its first reader, kept)' })
  @ApiProblems(400, 401, 403, 404, 503)
  @ApiOkResponse({ schema: { type: 'object', properties: { id: { type: 'string' } } } })
  async read(@CurrentOfficer() officer: OfficerClaims, @Body() b: EscalationReadDto) {
    if (!(await markEscalationRead(this.db, officer.tenant, b.id, officer.officerId, this.clock.now())))
      throw new NotFoundException(`No notice ${b.id}`);
    return { id: b.id };
  }
}
