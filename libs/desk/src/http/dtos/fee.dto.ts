import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import type { PaymentChannel } from '#berkas/domain';
import { CODE, IsNumberMap, IsParticulars } from './validators.js';

// The fee desk: assessing the SKRD, cancelling it, recording payments.

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

const CHANNELS = ['cashier', 'bank', 'qris'] as const;

class PaymentReferenceDto {
  @ApiProperty({ example: 'BANK-BPD-778812', description: "the bank's or cashier's reference; one transfer settles one SKRD" })
  @IsString()
  @Matches(/^[A-Za-z0-9/_. -]+$/, { message: 'reference may contain letters, digits, spaces and / _ . - only' })
  @MaxLength(80)
  reference!: string;

  @ApiProperty({ enum: CHANNELS, description: "cashier: the MPP's cash desk; bank: transfer or virtual account; qris: QRIS" })
  @IsIn(CHANNELS)
  channel!: PaymentChannel;
}

export class PaymentDto extends PaymentReferenceDto {
  @ApiProperty({ example: 2250000, description: 'whole Rupiah' })
  @IsInt()
  @Min(1)
  @Max(100_000_000_000)
  amount!: number;
}

export class CorrectPaymentDto extends PaymentReferenceDto {
  @ApiProperty({ example: 1875000, description: 'what the payment really was, in whole Rupiah (0: it never came)' })
  @IsInt()
  @Min(0)
  @Max(100_000_000_000)
  amount!: number;

  @ApiProperty({ example: 'Salah ketik nominal: bukti transfer Rp 1.875.000', description: 'why (kept in the trail)' })
  @IsString()
  @MinLength(10)
  @MaxLength(500)
  reason!: string;
}

export class FeeEstimateDto {
  @ApiProperty({ description: "the fee inputs as registered (e.g. floor area), within the definition's ranges" })
  @IsNumberMap()
  inputs!: Record<string, number>;

  @ApiPropertyOptional({
    description: 'the particulars the fee reads (PBG: function, complexity, permanence, floors, ownership; a tax: location class)',
  })
  @IsOptional()
  @IsParticulars()
  particulars?: Record<string, string | number>;
}

export class RefundDepositDto {
  @ApiProperty({ example: 'TRF-KASDA-2027-0091', description: 'the reference of the transfer that paid the deposit back' })
  @IsString()
  @Matches(/^[A-Za-z0-9/_. -]+$/, { message: 'reference may contain letters, digits, spaces and / _ . - only' })
  @MaxLength(80)
  reference!: string;

  @ApiProperty({
    example: 'Reklame telah dibongkar pemiliknya, diperiksa Tim Reklame 12 Januari 2027',
    description: 'why it is refunded now',
  })
  @IsString()
  @MinLength(10)
  @MaxLength(500)
  reason!: string;
}
