import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
  type ValidationOptions,
  registerDecorator,
} from 'class-validator';
import { DeskDto } from './step-commands.dto.js';
import { CODE, IsNumberMap, IsParticulars, Reason, Reasons } from './validators.js';

// Issue 23: a dossier leaving the straight line of its steps (send-back, migration, operator repair).

export class SendBackDto extends DeskDto {
  @ApiProperty({ example: 'verifikasi', description: 'the earlier review step the dossier goes back to' })
  @Matches(CODE)
  @MaxLength(60)
  toStepId!: string;

  @ApiProperty({ type: [String], example: ['Gambar denah tidak sesuai dengan luas yang diverifikasi'] })
  @Reasons()
  reasons!: string[];
}

export class RepairStepDto {
  @ApiProperty({ example: 'konsultasi-teknis', description: 'the step to move the dossier to; its own step to repeat it' })
  @Matches(CODE)
  @MaxLength(60)
  toStepId!: string;

  @ApiProperty({ example: 'Rekomendasi TPA tercatat pada berkas yang salah; tahap diulang', description: 'why (kept in the trail)' })
  @Reason()
  reason!: string;
}

/** A map of step ids to step ids (old version's step -> the new version's). */
const IsStepMapping = (options?: ValidationOptions) => (target: object, key: string) =>
  registerDecorator({
    name: 'isStepMapping',
    target: target.constructor,
    propertyName: key,
    options,
    validator: {
      validate: (v: unknown) =>
        typeof v === 'object' &&
        v !== null &&
        !Array.isArray(v) &&
        Object.keys(v).length <= 40 &&
        Object.entries(v).every(([k, x]) => CODE.test(k) && typeof x === 'string' && CODE.test(x) && k.length <= 60 && x.length <= 60),
      defaultMessage: () => 'stepMapping must map step ids to step ids (kebab-case, at most 40)',
    },
  });

export class MigrationDto {
  @ApiProperty({ example: 3, description: 'the published version of the same service to move to (another migration undoes one)' })
  @IsInt()
  @Min(1)
  @Max(10_000)
  toVersion!: number;

  @ApiPropertyOptional({
    example: { 'konsultasi-teknis': 'konsultasi-teknis' },
    description: "where the dossier's current step goes in the new version; unmapped steps keep their id",
  })
  @IsOptional()
  @IsStepMapping()
  stepMapping?: Record<string, string>;

  @ApiProperty({ example: 'Perkada baru berlaku 1 Desember 2026: SLA konsultasi teknis diperpanjang' })
  @Reason()
  reason!: string;

  @ApiPropertyOptional({ description: 'particulars the new version takes that the dossier lacks' })
  @IsOptional()
  @IsParticulars()
  particulars?: Record<string, string | number>;

  @ApiPropertyOptional({ description: 'fee inputs the new version reads that the dossier lacks' })
  @IsOptional()
  @IsNumberMap()
  inputs?: Record<string, number>;
}

export class MigrationFilterDto {
  @ApiProperty({ example: 'pbg' })
  @Matches(CODE)
  @MaxLength(60)
  service!: string;

  @ApiProperty({ example: 2, description: 'the version the dossiers follow now' })
  @IsInt()
  @Min(1)
  @Max(10_000)
  fromVersion!: number;

  @ApiPropertyOptional({ example: 'konsultasi-teknis', description: 'only the dossiers at this step' })
  @IsOptional()
  @Matches(CODE)
  @MaxLength(60)
  stepId?: string;
}

export class BatchMigrationDto extends MigrationDto {
  @ApiProperty({ type: MigrationFilterDto })
  @ValidateNested()
  @Type(() => MigrationFilterDto)
  @IsNotEmpty()
  filter!: MigrationFilterDto;

  @ApiPropertyOptional({ enum: ['preview', 'run'], default: 'preview', description: 'preview changes nothing' })
  @IsOptional()
  @IsIn(['preview', 'run'])
  mode?: 'preview' | 'run';
}
