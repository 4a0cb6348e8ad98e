import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { e2eEngines, Harness, PBG_REQUEST } from './support/http-harness.js';

const [[, pglite]] = await e2eEngines();

const b64 = (v: object | string) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
/** A token signed with the server's own secret, shaped as the test needs. */
function forge(secret: string, payload: object, alg = 'HS256'): string {
  const head = `${b64({ alg, typ: 'JWT' })}.${b64(payload)}`;
  const hash = alg === 'HS512' ? 'sha512' : 'sha256';
  return alg === 'none' ? `${head}.` : `${head}.${createHmac(hash, secret).update(head).digest('base64url')}`;
}

describe('tokens, accounts and headers (PGlite)', () => {
  let h: Harness;
  let drop: () => Promise<void>;
  let dataDir: string;

  beforeAll(async () => {
    const db = await pglite();
    drop = db.drop;
    dataDir = db.env.BERKAS_DATA_DIR;
    h = await Harness.start(db.env);
  });
  afterAll(async () => {
    await h.close();
    await drop();
  });

  it('refuses a token without exp, with another algorithm, or with none', async () => {
    const secret = readFileSync(join(dataDir, 'jwt.secret'), 'utf8').trim();
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: 'officer-supervisor', name: 'Ratna', ver: 1, iss: 'berkas', iat: now };
    const me = (token: string) => h.request('GET', '/api/me', undefined, { authorization: `Bearer ${token}` });
    expect((await me(forge(secret, { ...claims, exp: now + 600 }))).status).toBe(200);
    for (const token of [
      forge(secret, claims),
      forge(secret, { ...claims, exp: now + 600 }, 'HS512'),
      forge(secret, { ...claims, exp: now + 600 }, 'none'),
    ]) {
      const r = await me(token);
      expect(r.status).toBe(401);
      expect(r.body.title).toMatch(/Belum masuk/);
    }
  });

  it('applies a change of desks and a deactivation on the next request', async () => {
    const created = await h.as('admin', 'POST', '/api/officers', {
      username: 'verifikator9',
      name: 'Tono Verifikator',
      role: 'processor',
      desks: ['back-office'],
      password: 'rahasia-sekali-123',
    });
    expect(created.status).toBe(201);
    const officerId = created.body.officerId as string;
    const auth = { authorization: `Bearer ${await h.firstLogin('verifikator9', 'rahasia-sekali-123', 'pilihan-sendiri-9')}` };
    expect((await h.request('GET', '/api/queues/back-office', undefined, auth)).status).toBe(200);

    expect((await h.as('admin', 'PATCH', `/api/officers/${officerId}`, { desks: ['tpa'] })).status).toBe(200);
    expect((await h.request('GET', '/api/queues/back-office', undefined, auth)).status).toBe(403);
    expect((await h.request('GET', '/api/queues/tpa', undefined, auth)).status).toBe(200);

    expect((await h.as('admin', 'PATCH', `/api/officers/${officerId}`, { active: false })).body.active).toBe(false);
    expect((await h.request('GET', '/api/me', undefined, auth)).status).toBe(401);
    // The right password is told the account is deactivated; a wrong one learns nothing more than for an unknown name.
    const deactivated = await h.request('POST', '/api/auth/login', { username: 'verifikator9', password: 'pilihan-sendiri-9' });
    expect(deactivated).toMatchObject({ status: 403, body: { code: 'AUTH.DEACTIVATED' } });
    const guess = await h.request('POST', '/api/auth/login', { username: 'verifikator9', password: 'tebakan-salah-123' });
    expect(guess).toMatchObject({ status: 401, body: { code: 'AUTH.WRONG_CREDENTIALS' } });
    // Reactivated, the old token stays dead: deactivation ended it.
    expect((await h.as('admin', 'PATCH', `/api/officers/${officerId}`, { active: true })).status).toBe(200);
    expect((await h.request('GET', '/api/me', undefined, auth)).status).toBe(401);
    const admin = (await h.as('admin', 'GET', '/api/me')).body.officerId as string;
    expect((await h.as('admin', 'PATCH', `/api/officers/${admin}`, { active: false })).status).toBe(400);
  });

  it("shows a dossier's personal data only to those who need it, and records every read", async () => {
    const r = await h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
    const id = r.body.dossierId as string;
    const reg = r.body.registrationNumber as string;
    const read = (who: string, key = id) =>
      h.eventually(
        () => h.as(who, 'GET', `/api/dossiers/${key}`),
        (x) => x.status !== 404,
      );
    expect((await read('verifikator')).body.applicant).toMatchObject({ nik: PBG_REQUEST.applicant.nik });
    for (const key of [id, reg]) {
      const refused = await read('kasir', key);
      expect(refused).toMatchObject({ status: 403, body: { code: 'DOSSIER.NOT_YOURS_TO_READ' } });
      expect(JSON.stringify(refused.body)).not.toContain(PBG_REQUEST.applicant.nik);
    }
    expect((await h.act('verifikator', id, 'complete', { outcome: 'forward' })).status).toBe(200);
    await h.eventually(
      () => read('tpa'),
      (x) => x.status === 200,
    );
    // The back office keeps access to a dossier it has worked; a desk it has not reached yet does not.
    expect((await read('verifikator')).status).toBe(200);
    expect((await read('kabid')).status).toBe(403);
    expect((await read('supervisor')).status).toBe(200);

    const log = await h.as('supervisor', 'GET', `/api/access-log?dossierId=${id}`);
    expect(log.status).toBe(200);
    const entries = log.body.items as { officerId: string; allowed: boolean; registrationNumber: string }[];
    expect(entries.filter((e) => e.officerId === 'officer-kasir').map((e) => e.allowed)).toEqual([false, false]);
    expect(entries.some((e) => e.officerId === 'officer-verifikator' && e.allowed)).toBe(true);
    expect(entries.some((e) => e.officerId === 'officer-kabid' && !e.allowed)).toBe(true);
    expect(entries.every((e) => e.registrationNumber === reg)).toBe(true);
    expect(log.body.total).toBe(entries.length);
    expect((await h.as('verifikator', 'GET', `/api/access-log?dossierId=${id}`)).status).toBe(403);
  });

  it('sends strict security headers on pages and API answers, and the pages use no inline code', async () => {
    for (const path of ['/', '/konsol/', '/api/services', '/api/public/permits/NOPE12345678']) {
      const res = await fetch(h.url + path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
    for (const page of ['/', '/konsol/']) {
      const html = await (await fetch(h.url + page)).text();
      expect(html).not.toMatch(/<script>|<style>| on[a-z]+="|style="/);
      // The public pages' links are relative to their <base> (each MPP's pages live under its own path, D54).
      const assets = [...html.matchAll(/(?:src|href)="((?:\/konsol)?\/?assets\/[^"]+)"/g)];
      expect(assets.length).toBeGreaterThan(1);
      for (const [, src] of assets) {
        const asset = await fetch(new URL(src, h.url + page));
        expect(asset.status).toBe(200);
        expect(asset.headers.get('content-type')).toMatch(/^(text\/javascript|text\/css)/);
      }
    }
  });
});

describe('rate limits behind a proxy (PGlite)', () => {
  let h: Harness;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const db = await pglite();
    drop = db.drop;
    h = await Harness.start({
      ...db.env,
      TRUST_PROXY: '1',
      TRACKING_RATE_LIMIT: '5',
      // This suite is about the address limits; the per-number lockout has its own test.
      TRACKING_PIN_ATTEMPTS: '100',
      LOGIN_RATE_LIMIT: '50',
      LOGIN_ACCOUNT_RATE_LIMIT: '4',
      LOGIN_CLIENT_FAILURES: '3',
    });
  });
  afterAll(async () => {
    await h.close();
    await drop();
  });

  it('refuses a TRUST_PROXY that trusts every address at boot, naming the variable', async () => {
    for (const TRUST_PROXY of ['true', '0.0.0.0/0,::/0', '99', '::ffff:0:0/96'])
      await expect(Harness.start({ BERKAS_DATA_DIR: '/nonexistent-never-used', TRUST_PROXY })).rejects.toThrow(/TRUST_PROXY/);
  });

  it('counts an IPv6 client by its /64 on both public lookups and the verification page', async () => {
    const statuses = async (path: string, body?: unknown) => {
      const out: number[] = [];
      for (let i = 1; i <= 8; i++) {
        const headers = { 'x-forwarded-for': `2001:db8:77:1::${i.toString(16)}` };
        out.push((body ? await h.request('POST', path, body, headers) : await h.request('GET', path, undefined, headers)).status);
      }
      return out;
    };
    // TRACKING_RATE_LIMIT is 5: the sixth lookup from the same /64 is refused, whichever address of it asks.
    expect((await statuses('/api/public/tracking', { registrationNumber: 'PBG-2026-999998', pin: '000000' })).slice(5)).toEqual([
      429, 429, 429,
    ]);
    expect((await statuses('/api/public/permits/NOPE12345678')).slice(5)).toEqual([429, 429, 429]);
  });

  it('counts the client the proxy saw, whatever address the client claims first', async () => {
    const lookup = (claimed: string) =>
      h.request(
        'POST',
        '/api/public/tracking',
        { registrationNumber: 'PBG-2026-999999', pin: '000000' },
        { 'x-forwarded-for': `${claimed}, 203.0.113.7` },
      );
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await lookup(`198.51.100.${i}`)).status);
    expect(statuses.slice(0, 5)).toEqual(Array(5).fill(404));
    expect(statuses.slice(5)).toEqual(Array(3).fill(429));
    const limited = await lookup('198.51.100.99');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('retry-after-tracking')).toBeNull();
    expect(limited.body.detail).toMatch(
      /^Terlalu banyak percobaan, coba lagi dalam \d+ detik \/ Too many attempts, try again in \d+ seconds$/,
    );
    expect(JSON.stringify(limited.body)).not.toContain('ThrottlerException');
    // Another client behind the same proxy is not affected.
    expect(
      (
        await h.request(
          'POST',
          '/api/public/tracking',
          { registrationNumber: 'PBG-2026-999999', pin: '000000' },
          { 'x-forwarded-for': '203.0.113.8' },
        )
      ).status,
    ).toBe(404);
  });

  it('locks the guesser out, never the officer, and never counts a successful login (D38)', async () => {
    const login = (password: string, address: string, username = 'kasir') =>
      h.request('POST', '/api/auth/login', { username, password }, { 'x-forwarded-for': address });
    // The cashier's counter PC: after one login there it is the officer's own.
    const counter = '203.0.113.50';
    // A shared PC at shift change, or a new tab: successful logins never lock anyone out.
    for (let i = 0; i < 12; i++) expect((await login('demo123', counter)).status).toBe(200);
    // One outsider guessing is locked out of the account after LOGIN_CLIENT_FAILURES wrong passwords, with the right one too.
    const outsider: number[] = [];
    for (let i = 0; i < 4; i++) outsider.push((await login(`salah-${i}`, '192.0.2.1')).status);
    expect(outsider).toEqual([401, 401, 429, 429]);
    expect((await login('demo123', '192.0.2.1')).status).toBe(429);
    // ... and the officer is not: the counter PC logs in.
    expect((await login('demo123', counter)).status).toBe(200);
    // Guesses spread over many addresses: past LOGIN_ACCOUNT_RATE_LIMIT, addresses the officer never used are refused for
    // this account, right password or not, while the counter PC still logs in.
    for (let i = 10; i < 13; i++) await login(`salah-${i}`, `192.0.2.${i}`);
    const stranger = await login('demo123', '198.51.100.77');
    expect(stranger.status).toBe(429);
    expect(Number(stranger.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await login('demo123', counter)).status).toBe(200);
    // Other accounts are not touched.
    expect((await login('demo123', '198.51.100.77', 'loket')).status).toBe(200);
  });
});
