import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

// A supervisor's answer to a complaint.

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
