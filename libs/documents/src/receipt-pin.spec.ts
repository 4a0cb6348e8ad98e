import { randomUUID } from 'node:crypto';
import { pinEquals, pinMatches, receiptPin } from './receipt-pin.js';

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

describe('a PIN kept beside its dossier', () => {
  it('matches the receipt PIN it was made from, and nothing else', () => {
    const pin = receiptPin('secret', '5b3d2c1e-0000-4000-8000-000000000001');
    expect(pinEquals(pin, pin)).toBe(true);
    expect(pinEquals(pin, String((Number(pin) + 1) % 1_000_000).padStart(6, '0'))).toBe(false);
    expect(pinEquals(pin, pin.slice(0, 5))).toBe(false);
    expect(pinEquals(pin, `${pin}0`)).toBe(false);
    expect(pinEquals(pin, '')).toBe(false);
  });
});
