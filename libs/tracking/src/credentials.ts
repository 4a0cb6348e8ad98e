import { BadRequestException } from '@nestjs/common';

// What a citizen types from the receipt, and the one place it is checked: the JSON lookup's DTO (Nest and the fast
// path share it, D23) and every public form (the lookup, the document download, the survey, the complaint).

/** A registration number as printed on the receipt: PBG-2026-000001. */
export const REGISTRATION_NUMBER = /^[A-Z0-9-]{3,40}$/;
export const REGISTRATION_NUMBER_REASON = 'registrationNumber looks like PBG-2026-000001';

/** The receipt's PIN: six digits. */
export const RECEIPT_PIN = /^\d{6}$/;
export const RECEIPT_PIN_REASON = 'pin is the 6 digits printed on the receipt';

/**
 * The number and PIN a public form posts: trimmed, the number upper-cased as
 * people type it from paper. 400 (the form again, with a sentence) when they
 * are not a number and a PIN.
 */
export function formCredentials(body: Record<string, unknown> | undefined): { number: string; pin: string } {
  const number = typeof body?.registrationNumber === 'string' ? body.registrationNumber.trim().toUpperCase() : '';
  const pin = typeof body?.pin === 'string' ? body.pin.trim() : '';
  if (!REGISTRATION_NUMBER.test(number) || !RECEIPT_PIN.test(pin)) throw new BadRequestException();
  return { number, pin };
}
