import { e2eEngines, Harness, PBG_REQUEST } from './support/http-harness.js';

const engines = await e2eEngines();

describe('public tracking rate limit', () => {
  it('answers 429 once the limit is reached', async () => {
    const [[, factory]] = engines;
    const db = await factory();
    const h = await Harness.start({ ...db.env, TRACKING_RATE_LIMIT: '3', LOGIN_RATE_LIMIT: '2', LOGIN_CLIENT_FAILURES: '1000' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await h.track('PBG-2026-000001', '123456')).status);
      expect(statuses).toEqual([404, 404, 404, 429, 429]);
      // Officer login has its own, separate limit against password guessing.
      const logins: number[] = [];
      for (let i = 0; i < 3; i++)
        logins.push((await h.request('POST', '/api/auth/login', { username: 'loket', password: 'tebak' })).status);
      expect(logins).toEqual([401, 401, 429]);
    } finally {
      await h.close();
      await db.drop();
    }
  });
});

describe('public tracking: wrong PINs per registration number and client', () => {
  it('locks a client out of a number after too many wrong PINs, whatever the PIN then, the same for unknown numbers, and doubles the next lockout', async () => {
    const [[, factory]] = engines;
    const db = await factory();
    const h = await Harness.start({ ...db.env, TRACKING_RATE_LIMIT: '1000', TRACKING_PIN_ATTEMPTS: '3', TRACKING_LOCKOUT_SECONDS: '2' });
    try {
      const receipt = await h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
      const reg = receipt.body.registrationNumber as string;
      const pin = receipt.body.pin as string;
      const wrong = pin === '000000' ? '000001' : '000000';
      const tries = async (number: string, p: string, n: number) => {
        const out = [];
        for (let i = 0; i < n; i++) out.push(await h.track(number, p));
        return out;
      };
      const known = await tries(reg, wrong, 3);
      expect(known.map((r) => r.status)).toEqual([404, 404, 429]);
      expect(known[2].headers.get('retry-after')).toBe('2');
      expect(known[2].body.detail).toMatch(
        /^Terlalu banyak percobaan, coba lagi dalam 2 detik \/ Too many attempts, try again in 2 seconds$/,
      );
      // Locked means locked: the right PIN is refused too until the lockout ends.
      expect((await h.track(reg, pin)).status).toBe(429);
      // An unknown number answers exactly as a known one with a wrong PIN.
      const unknown = await tries('PBG-2026-999999', wrong, 3);
      expect(unknown.map((r) => r.status)).toEqual([404, 404, 429]);
      expect(unknown[0].body).toEqual(known[0].body);
      await new Promise((r) => setTimeout(r, 2200));
      // A second lockout the same day lasts twice as long.
      const again = await tries(reg, wrong, 3);
      expect(again.map((r) => r.status)).toEqual([404, 404, 429]);
      expect(again[2].headers.get('retry-after')).toBe('4');
      await new Promise((r) => setTimeout(r, 4200));
      // The right PIN works once the lockout is over, and forgets the failures: the next lockout is the first again.
      expect((await h.track(reg, pin)).status).toBe(200);
      const fresh = await tries(reg, wrong, 3);
      expect(fresh[2].headers.get('retry-after')).toBe('2');
    } finally {
      await h.close();
      await db.drop();
    }
  });
});
