import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

export class TrackingLookupDto {
  @ApiProperty({ example: 'PBG-2026-000001' })
  @IsString()
  @MaxLength(40)
  @Matches(/^[A-Z0-9-]+$/, { message: 'registrationNumber looks like PBG-2026-000001' })
  registrationNumber!: string;

  @ApiProperty({ example: '123456', description: 'the PIN printed on the receipt' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'pin is the 6 digits printed on the receipt' })
  pin!: string;
}
