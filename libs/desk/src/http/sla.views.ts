import { ApiProperty } from '@nestjs/swagger';

export class SweepView {
  @ApiProperty({ type: [String], description: 'registration numbers deemed approved now' }) deemedApproved!: string[];
}
