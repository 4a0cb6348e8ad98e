import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

// A supervisor's answer to a complaint.

export class AnswerComplaintDto {
  @ApiProperty({ example: 'ADU-7K3M9QZX' })
  @Matches(/^ADU-[A-Z0-9]{4,16}$/, { message: 'complaintNumber looks like ADU-7K3M9QZX' })
  complaintNumber!: string;

  @ApiProperty({ description: 'the answer the applicant reads on the tracking page (for a duplicate: why it is the same)' })
  @IsString()
  @MinLength(10)
  @MaxLength(2000)
  answer!: string;

  @ApiPropertyOptional({
    example: 'ADU-2R8TQ4WA',
    description: 'closes the complaint as the same as this other complaint of the dossier, which carries the answer',
  })
  @IsOptional()
  @Matches(/^ADU-[A-Z0-9]{4,16}$/, { message: 'duplicateOf looks like ADU-7K3M9QZX' })
  duplicateOf?: string;
}
