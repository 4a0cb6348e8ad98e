import { IntersectionType, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  IsUUID,
  registerDecorator,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { NIB_PATTERN, nikProblem, PHONE_PATTERN } from '#berkas/domain';

const CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function IsNik(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isNik',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (v: unknown) => typeof v === 'string' && nikProblem(v) === undefined,
        defaultMessage: (args) => (typeof args?.value === 'string' ? nikProblem(args.value) : undefined) ?? 'NIK must be 16 digits',
      },
    });
}

/** A small map of named, positive, finite numbers (fee inputs such as floor area). */
function IsNumberMap(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isNumberMap',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (v: unknown) =>
          typeof v === 'object' &&
          v !== null &&
          !Array.isArray(v) &&
          Object.keys(v).length <= 20 &&
          Object.entries(v).every(
            ([k, n]) => CODE.test(k) && k.length <= 60 && typeof n === 'number' && Number.isFinite(n) && n > 0 && n < 1e9,
          ),
        defaultMessage: () => 'inputs must map kebab-case codes to positive numbers (at most 20)',
      },
    });
}

export class ApplicantDto {
  @ApiProperty({ example: 'Budi Santoso' })
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  @Matches(/^[\p{L}][\p{L} .,'-]*$/u, { message: "name may contain letters, spaces and . , ' - only" })
  name!: string;

  @ApiProperty({ example: '3273011508800001', description: 'NIK, 16 digits' })
  @IsNik()
  nik!: string;

  @ApiPropertyOptional({ example: '081234567890' })
  @IsOptional()
  @Matches(PHONE_PATTERN, {
    message: 'phone must be a mobile number (08..., +628...) or a landline with its area code (021..., +6221...), digits only',
  })
  phone?: string;

  @ApiPropertyOptional({ example: 'budi@example.id', description: 'for notices; never public' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({
    example: '9120001234567',
    description: "NIB, the business's 13-digit number from OSS (required by business services)",
  })
  @IsOptional()
  @Matches(NIB_PATTERN, { message: 'nib must be 13 digits (the NIB from OSS)' })
  nib?: string;

  @ApiPropertyOptional({ enum: ['id', 'en'], default: 'id', description: 'the language of notices' })
  @IsOptional()
  @IsIn(['id', 'en'])
  language?: 'id' | 'en';

  @ApiPropertyOptional({ default: false, description: 'the applicant agreed to notices at this phone and e-mail (needs one of them)' })
  @IsOptional()
  @IsBoolean()
  notices?: boolean;
}

export class RegisterDossierDto {
  @ApiProperty({ example: 'pbg', description: 'service code from GET /api/services' })
  @Matches(CODE, { message: 'service must be a service code' })
  @MaxLength(40)
  service!: string;

  @ApiProperty({ type: ApplicantDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ApplicantDto)
  applicant!: ApplicantDto;

  @ApiProperty({
    example: ['bukti-tanah', 'ktp', 'gambar-arsitektur', 'gambar-struktur', 'gambar-mep'],
    description: 'requirement codes checked at the counter',
  })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  requirements!: string[];

  @ApiPropertyOptional({ example: { 'luas-lantai': 120, 'indeks-terintegrasi': 0.0125 } })
  @IsOptional()
  @IsNumberMap()
  inputs?: Record<string, number>;
}

export class DeskDto {
  @ApiPropertyOptional({ description: 'the desk acting, when a step waits on several desks' })
  @IsOptional()
  @Matches(CODE)
  @MaxLength(60)
  desk?: string;
}

const Reasons = () => (target: object, key: string) => {
  IsArray()(target, key);
  ArrayMinSize(1)(target, key);
  ArrayMaxSize(20)(target, key);
  IsString({ each: true })(target, key);
  IsNotEmpty({ each: true })(target, key);
  MaxLength(500, { each: true })(target, key);
};

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

export class FeeExemptionDto {
  @ApiProperty({ example: 'bangunan-sosial', description: "one of the service definition's fee exemptions" })
  @Matches(CODE, { message: 'code must be an exemption code' })
  @MaxLength(60)
  code!: string;

  @ApiProperty({ example: 'Masjid, surat keterangan fungsi keagamaan dari Kemenag terlampir' })
  @IsString()
  @MinLength(10)
  @MaxLength(500)
  reason!: string;
}

export class AssessFeeDto {
  @ApiPropertyOptional({ description: "corrected fee inputs (e.g. floor area measured on site), within the definition's ranges" })
  @IsOptional()
  @IsNumberMap()
  inputs?: Record<string, number>;

  @ApiPropertyOptional({ type: FeeExemptionDto, description: 'waive the fee on a legal ground the service allows, with the reason' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => FeeExemptionDto)
  exemption?: FeeExemptionDto;
}

export class CancelFeeDto {
  @ApiProperty({ example: 'Luas lantai salah ketik: 120 m², seharusnya 102 m²', description: 'why the SKRD was wrong (kept in the trail)' })
  @IsString()
  @MinLength(10)
  @MaxLength(500)
  reason!: string;
}

export class PaymentDto {
  @ApiProperty({ example: 'BANK-BPD-778812' })
  @IsString()
  @Matches(/^[A-Za-z0-9/_. -]+$/, { message: 'reference may contain letters, digits, spaces and / _ . - only' })
  @MaxLength(80)
  reference!: string;

  @ApiProperty({ example: 2250000, description: 'whole Rupiah' })
  @IsInt()
  @Min(1)
  @Max(100_000_000_000)
  amount!: number;

  @ApiProperty({ enum: ['cashier', 'bank'] })
  @IsIn(['cashier', 'bank'])
  channel!: 'cashier' | 'bank';
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

export class AnswerComplaintDto {
  @ApiProperty({ example: 'ADU-7K3M9QZX' })
  @Matches(/^ADU-[A-Z0-9]{4,16}$/, { message: 'complaintNumber looks like ADU-7K3M9QZX' })
  complaintNumber!: string;

  @ApiProperty({ description: 'the answer the applicant reads on the tracking page' })
  @IsString()
  @MinLength(10)
  @MaxLength(2000)
  answer!: string;
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

export class LoginDto {
  @ApiProperty({ example: 'loket' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  username!: string;

  @ApiProperty({ example: 'loket123' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password!: string;
}

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
