import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import type { SqlDatabase } from '#berkas/event-store';
import { ApiProblems, SQL_DATABASE } from '#berkas/platform';
import { type DossierSummary } from '#berkas/read-models';
import { OfficerGuard, Roles } from '../auth/officer.guard.js';

export class ComplaintsQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: only the ones not yet answered' })
  @IsOptional()
  @IsIn(['true', 'false'])
  open?: 'true' | 'false';
}

export interface ComplaintItem {
  dossierId: string;
  registrationNumber: string;
  service: string;
  number: string;
  category: string;
  text: string;
  filedAt: string;
  respondBy: string;
  overdue: boolean;
  answer: string | null;
  answeredAt: string | null;
}

/** Supervisors' complaint queue (pengaduan), soonest deadline first (the intake from the public page is a job: DeskJobsModule). */
@ApiTags('complaints')
@ApiBearerAuth()
@UseGuards(OfficerGuard)
@Controller('api/complaints')
export class ComplaintsController {
  constructor(@Inject(SQL_DATABASE) private readonly db: SqlDatabase) {}

  @Get()
  @Roles('supervisor')
  @ApiOperation({ summary: 'Complaints about dossiers, soonest deadline first (?open=true: not yet answered)' })
  @ApiProblems(400, 401, 403, 503)
  @ApiOkResponse({ schema: { type: 'array', items: { type: 'object', additionalProperties: true } } })
  async list(@Query() q: ComplaintsQueryDto): Promise<ComplaintItem[]> {
    const { rows } = await this.db.query<{ summary: DossierSummary }>(
      "SELECT summary FROM rm_dossiers WHERE jsonb_typeof(summary->'complaints') = 'array' AND jsonb_array_length(summary->'complaints') > 0",
    );
    const now = new Date().toISOString();
    return rows
      .flatMap(({ summary: s }) =>
        (s.complaints ?? []).map((c) => ({
          dossierId: s.dossierId,
          registrationNumber: s.registrationNumber,
          service: s.service.code,
          number: c.number,
          category: c.category,
          text: c.text,
          filedAt: c.filedAt,
          respondBy: c.respondBy,
          overdue: !c.answer && c.respondBy < now,
          answer: c.answer ?? null,
          answeredAt: c.answeredAt ?? null,
        })),
      )
      .filter((c) => q.open !== 'true' || c.answer === null)
      .sort((a, b) => a.respondBy.localeCompare(b.respondBy) || a.number.localeCompare(b.number));
  }
}
