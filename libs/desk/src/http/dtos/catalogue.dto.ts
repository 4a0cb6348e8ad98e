import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Reason } from './validators.js';

// Issue 23: an MPP's administrators adapt and publish the services they offer.

class NameDto {
  @ApiProperty({ example: 'Izin Usaha Mikro' })
  @IsString()
  @MinLength(3)
  @MaxLength(120)
  id!: string;

  @ApiProperty({ example: 'Micro business licence' })
  @IsString()
  @MinLength(3)
  @MaxLength(120)
  en!: string;
}

export class StartDraftDto {
  @ApiProperty({ example: 3, description: 'the version to adapt: the national template’s or the MPP’s own (of `copyOf` when given)' })
  @IsInt()
  @Min(1)
  @Max(10_000)
  from!: number;

  @ApiPropertyOptional({
    example: 'reklame',
    description:
      'a new service of the MPP’s own (not in the template): the service whose version `from` it starts as a copy of; the path names the new code',
  })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, { message: 'copyOf must be a service code (kebab-case)' })
  @MaxLength(40)
  copyOf?: string;

  @ApiPropertyOptional({ type: NameDto, description: 'the new service’s name, in Bahasa Indonesia and English (with copyOf)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => NameDto)
  name?: NameDto;
}

export class SaveDraftDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'the service definition as edited (docs/service-definitions.md)',
  })
  @IsObject()
  definition!: Record<string, unknown>;
}

export class PublishDto {
  @ApiProperty({
    example: '2027-01-04',
    description: 'the first day (the MPP’s date) new dossiers are registered under it: today or later',
  })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'effectiveFrom must be a date (yyyy-mm-dd)' })
  effectiveFrom!: string;

  @ApiProperty({ example: 'Perwali 12/2026: SLA konsultasi teknis menjadi 12 hari kerja', description: 'why (kept with the version)' })
  @Reason()
  reason!: string;

  @ApiPropertyOptional({ description: 'the draft as last read (its updatedAt): a draft changed since is a 409' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  draftUpdatedAt?: string;
}

/** A dated day off: a regional or national holiday, or a day of cuti bersama. */
export class RegionalHolidayDto {
  @ApiProperty({ example: '2026-12-24' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be a date (yyyy-mm-dd)' })
  date!: string;

  @ApiProperty({ example: 'Hari Jadi Kota Denpasar' })
  @IsString()
  @MinLength(3)
  @MaxLength(120)
  name!: string;
}

export class RegionalHolidaysDto {
  @ApiProperty({ type: [RegionalHolidayDto], description: 'the year’s regional holidays, all of them (they replace the year’s)' })
  @IsArray()
  @ArrayMaxSize(40)
  @ValidateNested({ each: true })
  @Type(() => RegionalHolidayDto)
  holidays!: RegionalHolidayDto[];

  @ApiProperty({ example: 'Keputusan Wali Kota Denpasar tentang hari libur daerah 2026' })
  @Reason()
  reason!: string;
}

export class NationalCalendarDto {
  @ApiProperty({ example: 'SKB 3 Menteri No. 1/2026, 2/2026, 3/2026', description: 'the SKB the year follows' })
  @IsString()
  @MinLength(5)
  @MaxLength(200)
  source!: string;

  @ApiProperty({ type: [RegionalHolidayDto], description: 'the year’s national holidays (hari libur nasional), all of them' })
  @IsArray()
  @ArrayMaxSize(40)
  @ValidateNested({ each: true })
  @Type(() => RegionalHolidayDto)
  holidays!: RegionalHolidayDto[];

  @ApiProperty({ type: [RegionalHolidayDto], description: 'the year’s cuti bersama, all of them' })
  @IsArray()
  @ArrayMaxSize(40)
  @ValidateNested({ each: true })
  @Type(() => RegionalHolidayDto)
  cutiBersama!: RegionalHolidayDto[];

  @ApiProperty({ example: 'SKB 3 Menteri tentang hari libur nasional dan cuti bersama 2027 terbit' })
  @Reason()
  reason!: string;
}

class DeskLabelDto {
  @ApiProperty({ example: 'Dinas Pariwisata' })
  @IsString()
  @MinLength(3)
  @MaxLength(120)
  id!: string;

  @ApiProperty({ example: 'Tourism Office' })
  @IsString()
  @MinLength(3)
  @MaxLength(120)
  en!: string;
}

export class OwnDeskDto {
  @ApiProperty({ example: 'dinas-pariwisata', description: 'kebab-case; not a desk of the national template' })
  @Matches(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, { message: 'id must be kebab-case' })
  @MaxLength(40)
  id!: string;

  @ApiProperty({ type: DeskLabelDto })
  @ValidateNested()
  @Type(() => DeskLabelDto)
  name!: DeskLabelDto;

  @ApiPropertyOptional({ type: DeskLabelDto, description: 'the unit (unit kerja, the agency) whose officers work it' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DeskLabelDto)
  unit?: DeskLabelDto;
}

export class DesksDto {
  @ApiProperty({ type: [OwnDeskDto], description: 'the MPP’s own desks, all of them (they replace those it published before)' })
  @IsArray()
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => OwnDeskDto)
  desks!: OwnDeskDto[];

  @ApiProperty({ example: 'Dinas Pariwisata bergabung dengan MPP' })
  @Reason()
  reason!: string;
}
