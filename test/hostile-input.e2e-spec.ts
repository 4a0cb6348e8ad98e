import fc from 'fast-check';
import { e2eEngines, Harness, PBG_REQUEST } from './support/http-harness.js';
import { describeEngines } from '#berkas/testing';

const engines = await e2eEngines();

/** Every command route, with the officer who could plausibly send it. */
const COMMANDS: [string, string][] = [
  ['loket', '/api/dossiers'],
  ...(
    [
      ['verifikator', 'claim'],
      ['verifikator', 'release'],
      ['supervisor', 'reassign'],
      ['verifikator', 'complete'],
      ['verifikator', 'return'],
      ['loket', 'resubmit'],
      ['verifikator', 'inspection'],
      ['verifikator', 'inspection-report'],
      ['tpa', 'recommendation'],
      ['kasir', 'fee'],
      ['kasir', 'payments'],
      ['kabid', 'approve'],
      ['kabid', 'reject'],
      ['kadis', 'sign'],
      ['tu', 'issue'],
      ['loket', 'handover'],
      ['loket', 'withdraw'],
    ] as const
  ).map(([who, action]): [string, string] => [who, `/api/dossiers/:id/${action}`]),
  ['admin', '/api/officers'],
  ['supervisor', '/api/sla/sweep'],
];

const nul = fc.string().map((s) => `${s}\u0000${s}`);
/** JSON values meant to break a server: NUL bytes, prototype keys, absurd nesting, wrong types, huge numbers. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  nul,
  fc.constantFrom(1e308, -1e308, 1e-320, Number.MAX_SAFE_INTEGER + 2, -0),
  fc.integer({ min: 13, max: 3000 }).map((depth) => {
    let v: unknown = 'x';
    for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
    return v;
  }),
  fc.array(nul, { minLength: 1, maxLength: 3 }),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'name\u0000', 'desk'), fc.jsonValue(), { minKeys: 1, maxKeys: 2 }),
);
const hostileBody = fc.oneof(
  fc.dictionary(
    fc.constantFrom(
      'service',
      'applicant',
      'requirements',
      'inputs',
      'desk',
      'outcome',
      'reasons',
      'note',
      'reference',
      'amount',
      'channel',
      'username',
      'password',
      'registrationNumber',
      'pin',
      'toOfficerId',
      '__proto__',
      'constructor',
    ),
    hostileValue,
    { minKeys: 1, maxKeys: 5 },
  ),
  fc
    .record({ name: fc.oneof(nul, fc.string()), nik: fc.oneof(nul, fc.constant('3273011508800001')), phone: nul })
    .map((applicant) => ({ ...PBG_REQUEST, applicant })),
  fc.dictionary(fc.string(), hostileValue, { minKeys: 1, maxKeys: 3 }).map((inputs) => ({ ...PBG_REQUEST, inputs })),
);

describeEngines(engines)('hostile input on %s', (_engine, factory) => {
  let h: Harness;
  let drop: () => Promise<void>;
  let dossierId: string;

  beforeAll(async () => {
    const db = await factory();
    drop = db.drop;
    h = await Harness.start(db.env);
    const r = await h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
    dossierId = r.body.dossierId as string;
  });
  afterAll(async () => {
    await h.close();
    await drop();
  });

  it('answers a NUL byte in the login, a path parameter or a reason with 400 naming the field', async () => {
    const login = await h.request('POST', '/api/auth/login', { username: 'loket\u0000', password: 'demo123' });
    expect(login.status).toBe(400);
    expect(login.body.errors).toEqual([{ field: 'username', reason: 'must not contain a NUL character' }]);
    expect((await h.as('supervisor', 'GET', '/api/dossiers/PBG-2026%00')).status).toBe(400);
    expect((await h.as('supervisor', 'GET', '/api/queues/back-office%00')).status).toBe(400);
    expect((await h.as('supervisor', 'GET', '/api/queues/%E0%A4%A')).status).toBe(400);
    const ret = await h.as('verifikator', 'POST', `/api/dossiers/${dossierId}/return`, { reasons: ['KTP\u0000buram'] });
    expect(ret.status).toBe(400);
    expect(ret.body.errors).toEqual([{ field: 'reasons.0', reason: 'must not contain a NUL character' }]);
  });

  it('takes names in any script, astral letters included, and the read side keeps projecting after them', async () => {
    // A real Japanese surname outside the Basic Multilingual Plane: it once froze every projection (issue 18).
    const astral = await h.as('loket', 'POST', '/api/dossiers', {
      ...PBG_REQUEST,
      applicant: { ...PBG_REQUEST.applicant, name: '𠮷田 Hanako' },
    });
    expect(astral.status).toBe(201);
    const next = await h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
    expect(next.status).toBe(201);
    for (const r of [astral, next]) {
      const seen = await h.publicStatus(r.body.registrationNumber as string, r.body.pin as string, 'in-process');
      expect(seen.status).toBe(200);
    }
    const masked = await h.track(astral.body.registrationNumber as string, astral.body.pin as string);
    expect(JSON.stringify(masked.body)).toContain('𠮷* H*****');
    const quarantine = await h.as('supervisor', 'GET', '/api/quarantine');
    expect(quarantine.status).toBe(200);
    expect(quarantine.body.total).toBe(0);
    // Text is stored in NFC: "e" + a combining acute accent comes back as one "é".
    const decomposed = await h.as('loket', 'POST', '/api/dossiers', {
      ...PBG_REQUEST,
      applicant: { ...PBG_REQUEST.applicant, name: 'Jose\u0301 Rizal' },
    });
    expect(decomposed.status).toBe(201);
    const detail = await h.eventually(
      () => h.as('supervisor', 'GET', `/api/dossiers/${decomposed.body.dossierId as string}`),
      (r) => r.status === 200,
    );
    expect(JSON.stringify(detail.body)).toContain('Jos\u00e9 Rizal');
  });

  it('answers a lone surrogate in any text field with 400 naming the field, and writes nothing', async () => {
    const before = await h.lastPosition();
    const reason = await h.as('verifikator', 'POST', `/api/dossiers/${dossierId}/return`, '{"reasons":["KTP \\ud842 buram"]}');
    expect(reason.status).toBe(400);
    expect(reason.body.errors).toEqual([{ field: 'reasons.0', reason: 'is not well-formed Unicode (a lone surrogate)' }]);
    const name = await h.as(
      'loket',
      'POST',
      '/api/dossiers',
      JSON.stringify({ ...PBG_REQUEST, applicant: { ...PBG_REQUEST.applicant, name: 'X' } }).replace('"X"', '"Hanako \\udfb7"'),
    );
    expect(name.status).toBe(400);
    expect(name.body.errors).toEqual([{ field: 'applicant.name', reason: 'is not well-formed Unicode (a lone surrogate)' }]);
    const tracking = await h.request('POST', '/api/public/tracking', '{"registrationNumber":"PBG-\\ud800","pin":"123456"}');
    expect(tracking.status).toBe(400);
    expect(await h.lastPosition()).toBe(before);
  });

  it('refuses absurdly deep bodies and prototype keys like any unknown field', async () => {
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    const deepArray = '['.repeat(20000) + '1' + ']'.repeat(20000);
    const before = await h.lastPosition();
    for (const inputs of [deep, deepArray]) {
      const r = await h.as('loket', 'POST', '/api/dossiers', `${JSON.stringify(PBG_REQUEST).slice(0, -1)},"note":${inputs}}`);
      expect(r.status).toBe(400);
      expect((r.body.errors as { reason: string }[])[0].reason).toMatch(/nested too deeply/);
    }
    for (const key of ['__proto__', 'constructor']) {
      const body = `{${JSON.stringify(key)}:{"x":1},${JSON.stringify(PBG_REQUEST).slice(1)}`;
      const r = await h.as('loket', 'POST', '/api/dossiers', body);
      expect(r.status).toBe(400);
      expect(r.body.errors).toEqual([{ field: key, reason: 'property should not exist' }]);
    }
    expect(await h.lastPosition()).toBe(before);
  });

  it('never answers 5xx to generated hostile bodies on any endpoint, and writes nothing', async () => {
    await h.login('admin');
    const before = await h.lastPosition();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...COMMANDS), hostileBody, async ([who, route], body) => {
        const r = await h.as(who, 'POST', route.replace(':id', dossierId), JSON.stringify(body));
        expect(r.status).toBeGreaterThanOrEqual(400);
        expect(r.status).toBeLessThan(500);
        expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      }),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(hostileBody, async (body) => {
        for (const path of ['/api/public/tracking', '/api/auth/login']) {
          const r = await h.request('POST', path, JSON.stringify(body));
          expect(r.status).toBeGreaterThanOrEqual(400);
          expect(r.status).toBeLessThan(500);
        }
      }),
      { numRuns: 60 },
    );
    expect(await h.lastPosition()).toBe(before);
  });
});
