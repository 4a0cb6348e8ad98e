import { validationPipe } from '#berkas/platform';
import { TrackingLookupDto, wellFormedLookup } from './tracking.dtos.js';

/** The fast path takes well-formed lookups without the pipe (issue 24): it must accept exactly what the pipe accepts. */
describe('a well-formed tracking lookup', () => {
  const pipe = validationPipe();
  const piped = async (body: unknown) => {
    try {
      return { ok: true, value: (await pipe.transform(body, { type: 'body', metatype: TrackingLookupDto })) as unknown };
    } catch (e) {
      return { ok: false, value: e };
    }
  };

  const bodies: unknown[] = [
    { registrationNumber: 'PBG-2026-000001', pin: '123456' },
    { pin: '000000', registrationNumber: 'DPS-REKLAME-2026-000001' },
    { registrationNumber: 'PBG-2026-000001', pin: '12345' },
    { registrationNumber: 'PBG-2026-000001', pin: '1234567' },
    { registrationNumber: 'pbg-2026-000001', pin: '123456' },
    { registrationNumber: ' PBG-2026-000001', pin: '123456' },
    { registrationNumber: 'PBG-2026-000001', pin: 123456 },
    { registrationNumber: 'PBG-2026-000001' },
    { registrationNumber: 'PBG-2026-000001', pin: '123456', extra: 1 },
    { registrationNumber: 'PB', pin: '123456' },
    { registrationNumber: 'PBG-2026-000001', pin: '12345６' },
    ['PBG-2026-000001', '123456'],
    null,
    'PBG-2026-000001',
    // The pipe drops a __proto__ key rather than refusing it: the fast path agrees with it either way.
    JSON.parse('{"registrationNumber":"PBG-2026-000001","pin":"123456","__proto__":{"x":1}}'),
  ];

  it('takes a body as it is only when the validation pipe takes it too, with the same values', async () => {
    for (const body of bodies) {
      const fast = wellFormedLookup(body);
      const slow = await piped(body);
      // Never a body the pipe would refuse; a body it leaves, the pipe decides (and answers the field and the reason).
      expect([JSON.stringify(body), fast !== undefined && !slow.ok]).toEqual([JSON.stringify(body), false]);
      if (fast) expect([{ ...fast }, fast instanceof TrackingLookupDto]).toEqual([{ ...(slow.value as object) }, true]);
    }
  });

  it('takes the usual lookup, and leaves every malformed one to the pipe, which refuses it', async () => {
    expect(wellFormedLookup(bodies[0])).toEqual({ registrationNumber: 'PBG-2026-000001', pin: '123456' });
    for (const body of bodies.slice(2, -1)) {
      expect(wellFormedLookup(body)).toBeUndefined();
      expect((await piped(body)).ok).toBe(false);
    }
  });
});
