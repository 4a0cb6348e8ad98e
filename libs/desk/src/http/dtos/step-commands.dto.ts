import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { CODE, Reasons } from './validators.js';

// The commands a desk gives on a dossier's step, and a supervisor's.

export class DeskDto {
  @ApiPropertyOptional({ description: 'the desk acting, when a step waits on several desks' })
  @IsOptional()
  @Matches(CODE)
  @MaxLength(60)
  desk?: string;
}

export class CompleteStepDto extends DeskDto {
  @ApiProperty({ enum: ['forward', 'reject'], description: 'forward, or recommend rejection' })
  @IsIn(['forward', 'reject'])
  outcome!: 'forward' | 'reject';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @Reasons()
  reasons?: string[];
}

export class ReturnDto extends DeskDto {
  @ApiProperty({ type: [String], example: ['Gambar struktur belum ditandatangani tenaga ahli'] })
  @Reasons()
  reasons!: string[];
}

export class NoteDto {
  @ApiProperty({ example: 'Pemohon menyerahkan gambar struktur yang telah ditandatangani' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  note!: string;
}

export class ScheduleInspectionDto extends DeskDto {
  @ApiProperty({ example: '2026-11-30' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'scheduledFor must be a date (yyyy-mm-dd)' })
  scheduledFor!: string;

  @ApiPropertyOptional({ example: 'Ir. Sari (TPA)', description: 'who inspects' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  inspector?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class InspectionReportDto extends DeskDto {
  @ApiProperty({ enum: ['passed', 'failed'] })
  @IsIn(['passed', 'failed'])
  result!: 'passed' | 'failed';

  @ApiProperty({ example: 'BAP/PUPR/2026/117' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(80)
  reportNumber!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  findings!: string;
}

export class RecommendationDto extends DeskDto {
  @ApiProperty()
  @IsBoolean()
  positive!: boolean;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note!: string;
}

export class ApproveDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class RejectDto {
  @ApiProperty({ type: [String] })
  @Reasons()
  reasons!: string[];
}

export class EmptyDto {}

export class HandOverDto {
  @ApiProperty({ example: 'Budi Santoso' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  receivedBy!: string;
}

export class WithdrawDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

export class RevokeDto {
  @ApiProperty({
    example: 'Bangunan didirikan menyimpang dari gambar yang disetujui',
    description: 'public: the verification page shows it',
  })
  @IsString()
  @MinLength(10)
  @MaxLength(500)
  reason!: string;
}

export class ReassignDto extends DeskDto {
  @ApiProperty({ example: 'officer-back-office-2' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(80)
  toOfficerId!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class ReprintReceiptDto {
  @ApiProperty({
    example: 'Tanda terima hilang, pemohon datang dengan KTP asli',
    description: 'why it is printed again (kept in the trail)',
  })
  @IsString()
  @MinLength(10)
  @MaxLength(500)
  reason!: string;
}
