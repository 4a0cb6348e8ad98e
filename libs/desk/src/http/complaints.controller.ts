import { Controller, Get, Inject, Logger, Query, UseGuards, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import type { WorkingCalendar } from '#berkas/domain';
import type { SqlDatabase } from '#berkas/event-store';
import { ApiProblems, BERKAS_CONFIG, CALENDAR, SQL_DATABASE, type BerkasConfig } from '#berkas/platform';
import { COMPLAINT_INBOX_SCHEMA, type DossierSummary } from '#berkas/read-models';
import { takeInComplaints } from '../application/complaint-intake.js';
import { DossierCommandService } from '../application/dossier-command.service.js';
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

/** Supervisors' complaint queue (pengaduan), soonest deadline first; and the intake of complaints from the public page. */
@ApiTags('complaints')
@ApiBearerAuth()
@UseGuards(OfficerGuard)
@Controller('api/complaints')
export class ComplaintsController implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Complaints');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(CALENDAR) private readonly calendar: WorkingCalendar,
    @Inject(DossierCommandService) private readonly service: DossierCommandService,
    @Inject(BERKAS_CONFIG) private readonly config: BerkasConfig,
  ) {}

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

  onApplicationBootstrap(): void {
    const tick = async () => {
      await this.db.exec(COMPLAINT_INBOX_SCHEMA);
      const taken = await takeInComplaints(this.db, this.calendar, this.service, this.config.COMPLAINT_RESPONSE_WORKING_DAYS);
      if (taken.length) this.logger.log(`complaints taken in: ${taken.join(', ')}`);
    };
    this.timer = setInterval(
      () => tick().catch((e: unknown) => this.logger.warn(e instanceof Error ? e.message : String(e))),
      this.config.COMPLAINT_INTAKE_MS,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
