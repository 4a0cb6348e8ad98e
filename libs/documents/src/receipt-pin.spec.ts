import { randomUUID } from 'node:crypto';
import { pinMatches, receiptPin } from './receipt-pin.js';

describe('receipt PINs', () => {
  const secret = 'a-test-pin-secret-of-sufficient-length';

  it('accepts the PIN derived for the dossier and refuses any other', () => {
    const id = randomUUID();
    const pin = receiptPin(secret, id);
    expect(pin).toMatch(/^\d{6}$/);
    expect(pinMatches(secret, id, pin)).toBe(true);
    const other = String((Number(pin) + 1) % 1_000_000).padStart(6, '0');
    expect(pinMatches(secret, id, other)).toBe(false);
    // Another dossier, or another secret, has another PIN (checked over many, not by luck on one).
    const ids = Array.from({ length: 200 }, () => randomUUID());
    expect(ids.filter((d) => pinMatches(secret, d, pin)).length).toBeLessThan(3);
    expect(receiptPin(`${secret}x`, id) === pin && receiptPin(`${secret}y`, id) === pin).toBe(false);
  });
});
