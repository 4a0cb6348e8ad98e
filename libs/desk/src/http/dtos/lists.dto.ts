import { IntersectionType, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, IsUUID } from 'class-validator';
import { CODE } from './validators.js';

// Query strings of the lists: queues, dashboard, returned, search, access log.

export class QueueQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(CODE)
  @MaxLength(40)
  service?: string;

  @ApiPropertyOptional({ enum: ['urgent', 'oldest'] })
  @IsOptional()
  @IsIn(['urgent', 'oldest'])
  order?: 'urgent' | 'oldest';
}

/** A page of a list: `limit` items after skipping `offset`. */
export class PageDto {
  @ApiPropertyOptional({ default: 50, maximum: 200, description: 'items per page' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ default: 0, description: 'items to skip (page x limit)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}

export class QueueFilterDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: only dossiers past their step due date' })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: only the dossiers you hold at this desk' })
  @IsOptional()
  @IsIn(['true', 'false'])
  mine?: 'true' | 'false';
}

export class QueuePageDto extends IntersectionType(QueueQueryDto, PageDto, QueueFilterDto) {}

export class DashboardQueryDto {
  @ApiPropertyOptional({ example: '2026-11-01', description: 'first local day of the period (default: 29 days before to)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date (yyyy-mm-dd)' })
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'last local day of the period (default: today)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date (yyyy-mm-dd)' })
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(CODE)
  @MaxLength(40)
  service?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 60,
    description: 'flag as stuck after this many working days without a move (default: STUCK_AFTER_WORKING_DAYS)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60)
  stuckAfter?: number;
}

export class DashboardExportQueryDto extends DashboardQueryDto {
  @ApiPropertyOptional({ enum: ['id', 'en'], default: 'id', description: 'language of the sheet names and headings' })
  @IsOptional()
  @IsIn(['id', 'en'])
  lang?: 'id' | 'en';
}

export class ReturnedQueryDto extends PageDto {
  @ApiPropertyOptional({ description: 'only the dossiers this desk returned (they come back to it); required for processors' })
  @IsOptional()
  @Matches(CODE)
  @MaxLength(64)
  desk?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(CODE)
  @MaxLength(40)
  service?: string;
}

export class SearchQueryDto extends PageDto {
  @ApiProperty({
    description: 'registration or permit number (from its start), or any part of the applicant name; 2 to 80 characters',
    example: 'PBG-2026',
  })
  @IsString()
  @Matches(/\S.*\S|\S\S/, { message: 'q must hold at least 2 characters that are not spaces' })
  @MaxLength(80)
  q!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(CODE)
  @MaxLength(40)
  service?: string;
}

export class AccessLogQueryDto extends PageDto {
  @ApiPropertyOptional({ description: 'one dossier (its id)' })
  @IsOptional()
  @IsUUID()
  dossierId?: string;

  @ApiPropertyOptional({ description: 'one officer' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,80}$/)
  officerId?: string;
}

export class EscalationQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: only the notices nobody has marked read' })
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';
}

export class EscalationReadDto {
  @ApiProperty({ example: 'overdue/7b0e.../verifikasi/2026-12-01T02:00:00.000Z', description: 'the notice, as listed' })
  @IsString()
  @MinLength(5)
  @MaxLength(200)
  id!: string;
}
