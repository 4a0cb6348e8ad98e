import { createHmac, timingSafeEqual } from 'node:crypto';

// The receipt's PIN, the one place it is made and checked (D21): the front desk prints it on the receipt, the public
// side checks it at every lookup. It is never stored: it is computed from the dossier's id under PIN_SECRET.

/**
 * The receipt PIN of a dossier: six digits of an HMAC of its id under
 * PIN_SECRET. Nothing stored lets anyone compute it without the secret.
 */
export function receiptPin(pinSecret: string, dossierId: string): string {
  const mac = createHmac('sha256', pinSecret).update(`pin:${dossierId}`).digest();
  return String(mac.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

/**
 * Whether `given` is the receipt PIN of `dossierId`: one keyed hash and a
 * constant-time comparison (of MACs, so lengths never differ), instead of a
 * KDF per lookup. Guessing is bounded by the per-number attempt limits.
 */
export function pinMatches(pinSecret: string, dossierId: string, given: string): boolean {
  const mac = (pin: string) => createHmac('sha256', pinSecret).update(`compare:${pin}`).digest();
  return timingSafeEqual(mac(receiptPin(pinSecret, dossierId)), mac(given));
}

/**
 * Whether `given` is `expected`, a PIN `receiptPin` made earlier: for a caller that keeps a dossier's PIN while it
 * keeps the dossier (the public cache), so a lookup costs a constant-time comparison and no keyed hash. A PIN of
 * another length is wrong at once; its length says nothing the receipt's format does not.
 */
export function pinEquals(expected: string, given: string): boolean {
  return given.length === expected.length && timingSafeEqual(Buffer.from(expected), Buffer.from(given));
}

/** The PIN of an application handed in online (issue 22): made the same way, from the draft's id, kept apart from receipts. */
export const draftPin = (pinSecret: string, draftId: string): string => receiptPin(pinSecret, `draft:${draftId}`);

export const draftPinMatches = (pinSecret: string, draftId: string, given: string): boolean =>
  pinMatches(pinSecret, `draft:${draftId}`, given);
