import { ForbiddenException, Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { ApiProblems, CLOCK, SQL_DATABASE, TENANTS, type Clock, type Tenants } from '#berkas/platform';
import { tenantFigures } from '#berkas/read-models';
import type { SqlDatabase } from '#berkas/sql';
import { CurrentAccount, CurrentOfficer, OfficerGuard, Roles, type OfficerClaims } from '../auth/officer.guard.js';
import type { Officer } from '../auth/officer.repository.js';

export class AggregatesQueryDto {
  @ApiPropertyOptional({ description: 'the period: this many days up to now', default: 30, minimum: 1, maximum: 366 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(366)
  days?: number;
}

/**
 * A provincial or national overseer's view (issue 23, D54): each MPP's on-time rate, backlog and IKM, side by side,
 * for the MPPs of their province (or of the whole deployment). Figures only: no dossier, number or name.
 */
@ApiTags('oversight')
@ApiBearerAuth()
@UseGuards(OfficerGuard)
@Controller('api/aggregates')
export class AggregatesController {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(TENANTS) private readonly tenants: Tenants,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('overseer')
  @ApiOperation({
    summary:
      "Overseers: each MPP's registrations, on-time rate, backlog, overdue and IKM over a period, for the MPPs they oversee (counts only)",
  })
  @ApiProblems(400, 401, 403, 503)
  @ApiOkResponse({ schema: { type: 'object', required: ['from', 'to', 'items'], additionalProperties: true } })
  async list(@CurrentOfficer() officer: OfficerClaims, @CurrentAccount() account: Officer, @Query() q: AggregatesQueryDto) {
    // An MPP's administrator passes any role check; these figures are the overseers' alone.
    if (officer.role !== 'overseer')
      throw new ForbiddenException({
        code: 'AUTH.ROLE',
        message: 'Angka antar-MPP hanya untuk pengawas wilayah / The figures across MPPs are for overseers',
      });
    const scope = this.tenants.all().filter((t) => !account.oversees || t.province === account.oversees);
    const to = this.clock.now();
    const from = new Date(Date.parse(to) - (q.days ?? 30) * 86_400_000).toISOString();
    const figures = await tenantFigures(
      this.db,
      scope.map((t) => t.code),
      from,
      to,
    );
    const byCode = new Map(scope.map((t) => [t.code, t]));
    return {
      from,
      to,
      oversees: account.oversees ?? null,
      items: figures.map((f) => {
        const t = byCode.get(f.tenant)!;
        return { ...f, name: t.profile.name, province: t.province ?? null, timeZone: t.timeZone };
      }),
    };
  }
}
