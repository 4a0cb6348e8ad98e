import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { NIB_PATTERN, PHONE_PATTERN, VARIANTS, type VariantCode } from '#berkas/domain';
import { CODE, IsNik, IsNumberMap, IsParticulars, IsPrintable } from './validators.js';

// Registering a dossier at the counter.

export class ApplicantDto {
  @ApiProperty({ example: 'Budi Santoso' })
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  @Matches(/^[\p{L}][\p{L} .,'-]*$/u, { message: "name may contain letters, spaces and . , ' - only" })
  @IsPrintable()
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

  @ApiPropertyOptional({
    example: { 'luas-lantai': 120 },
    description: "the fee's measured inputs (floor area), within the definition's ranges",
  })
  @IsOptional()
  @IsNumberMap()
  inputs?: Record<string, number>;

  @ApiPropertyOptional({
    example: { 'alamat-bangunan': 'Jl. Merdeka No. 10, Bandung', fungsi: 'hunian', 'jumlah-lantai': 2 },
    description: 'what the service takes down about the object (GET /api/services: particulars), printed on the permit',
  })
  @IsOptional()
  @IsParticulars()
  particulars?: Record<string, string | number>;

  @ApiPropertyOptional({
    enum: VARIANTS,
    default: 'baru',
    description: 'new application, renewal or amendment (the service lists which it takes)',
  })
  @IsOptional()
  @IsIn(VARIANTS)
  variant?: VariantCode;

  @ApiPropertyOptional({
    example: 'SIP-DOKTER/2026/000001',
    description: 'for a renewal or amendment: the number of the permit it renews or changes',
  })
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(60)
  @IsPrintable()
  previousPermitNumber?: string;
}

export class RenewalBasisQueryDto {
  @ApiProperty({ example: 'SIP-DOKTER/2026/000001', description: 'the number printed on the permit' })
  @IsString()
  @MinLength(3)
  @MaxLength(60)
  @IsPrintable()
  number!: string;
}
