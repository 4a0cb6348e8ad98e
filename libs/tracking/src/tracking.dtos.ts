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

/**
 * The body every lookup a phone or a QR scan sends: exactly the number and the PIN, both well formed. The fast path
 * takes it as it is; anything else goes through the validation pipe, which answers the field and the reason. Both
 * accept the same bodies, so this changes the cost of a lookup, never its answer.
 */
export function wellFormedLookup(body: unknown): TrackingLookupDto | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const keys = Object.keys(body);
  if (keys.length !== 2) return undefined;
  const { registrationNumber, pin } = body as Record<string, unknown>;
  if (typeof registrationNumber !== 'string' || typeof pin !== 'string') return undefined;
  if (!REGISTRATION_NUMBER.test(registrationNumber) || !RECEIPT_PIN.test(pin)) return undefined;
  return Object.assign(new TrackingLookupDto(), { registrationNumber, pin });
}
