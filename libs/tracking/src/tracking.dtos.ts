import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { RECEIPT_PIN, RECEIPT_PIN_REASON, REGISTRATION_NUMBER, REGISTRATION_NUMBER_REASON } from './credentials.js';

/** The JSON lookup's body (POST /api/public/tracking), on both HTTP stacks. */
export class TrackingLookupDto {
  @ApiProperty({ example: 'PBG-2026-000001' })
  @IsString()
  @Matches(REGISTRATION_NUMBER, { message: REGISTRATION_NUMBER_REASON })
  registrationNumber!: string;

  @ApiProperty({ example: '123456', description: 'the PIN printed on the receipt' })
  @IsString()
  @Matches(RECEIPT_PIN, { message: RECEIPT_PIN_REASON })
  pin!: string;
}
