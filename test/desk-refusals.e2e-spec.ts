import { e2eEngines, Harness, PBG_REQUEST, REKLAME_REQUEST, harnessPerSuite, registerDossier, until } from './support/http-harness.js';
import { describeEngines } from '#berkas/testing';

const engines = await e2eEngines();

describeEngines(engines)('refusals over HTTP on %s: wrong desk, conflicts, retries, bad input, unknown numbers', (_engine, factory) => {
  let h!: Harness;
  harnessPerSuite(factory, (started) => (h = started));

  const register = (body: object = PBG_REQUEST) => registerDossier(h, body);

  it('refuses an officer at the wrong desk and writes nothing', async () => {
    const { id } = await register();
    const before = await h.lastPosition();
    const r = await h.act('kasir', id, 'complete', { outcome: 'forward' });
    expect(r.status).toBe(403);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body.code).toBe('DOSSIER.NOT_AT_DESK');
    expect(await h.lastPosition()).toBe(before);
  });

  it('lets one of two officers acting at once win; the other gets 409', async () => {
    const { id } = await register();
    const [a, b] = await Promise.all([
      h.as('verifikator', 'POST', `/api/dossiers/${id}/claim`, {}),
      h.as('verifikator2', 'POST', `/api/dossiers/${id}/claim`, {}),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(['DOSSIER.CONCURRENT_CHANGE', 'DOSSIER.HELD_BY_OTHER']).toContain(loser.body.code);
    // A stale If-Match is a 409 too.
    const stale = await h.as('verifikator', 'POST', `/api/dossiers/${id}/release`, {}, { 'If-Match': '"1"' });
    expect(stale.status).toBe(409);
  });

  it('honours Idempotency-Key: a retried registration returns the same receipt and appends nothing', async () => {
    const key = `retry-${Date.now()}`;
    const first = await h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST, { 'Idempotency-Key': key });
    const count = await h.lastPosition();
    const again = await h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST, { 'Idempotency-Key': key });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({
      dossierId: first.body.dossierId,
      registrationNumber: first.body.registrationNumber,
      pin: first.body.pin,
      duplicate: true,
    });
    expect(await h.lastPosition()).toBe(count);
  });

  it('refuses an incomplete dossier at the counter with the missing items', async () => {
    const r = await h.as('loket', 'POST', '/api/dossiers', { ...PBG_REQUEST, requirements: ['ktp'] });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('REGISTRATION.INCOMPLETE');
    expect((r.body.details as { missing: { code: string }[] }).missing.map((m) => m.code)).toContain('bukti-tanah');
  });

  it("refuses a business service without the applicant's NIB, and notices with nowhere to send them", async () => {
    const before = await h.lastPosition();
    const billboard = { ...REKLAME_REQUEST, applicant: PBG_REQUEST.applicant };
    const noNib = await h.as('loket', 'POST', '/api/dossiers', billboard);
    expect(noNib.status).toBe(422);
    expect(noNib.body.code).toBe('REGISTRATION.NIB_REQUIRED');
    const noContact = await h.as('loket', 'POST', '/api/dossiers', {
      ...PBG_REQUEST,
      applicant: { name: 'Sari', nik: '3273014508850002', notices: true },
    });
    expect(noContact.status).toBe(422);
    expect(noContact.body.code).toBe('REGISTRATION.NO_CONTACT');
    expect(await h.lastPosition()).toBe(before);
    const ok = await h.as('loket', 'POST', '/api/dossiers', {
      ...billboard,
      applicant: { ...PBG_REQUEST.applicant, nib: '9120001234567' },
    });
    expect(ok.status).toBe(201);
  });

  it('refuses a registration without the particulars its permit prints, naming the field, and writes nothing', async () => {
    // Issue 20: the permit named no building address or function, because the form never asked.
    const before = await h.lastPosition();
    const { 'alamat-bangunan': _address, ...withoutAddress } = PBG_REQUEST.particulars;
    const missing = await h.as('loket', 'POST', '/api/dossiers', { ...PBG_REQUEST, particulars: withoutAddress });
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({ code: 'REGISTRATION.MISSING_PARTICULAR', details: { particular: 'alamat-bangunan' } });
    const floors = await h.as('loket', 'POST', '/api/dossiers', {
      ...PBG_REQUEST,
      particulars: { ...PBG_REQUEST.particulars, 'jumlah-lantai': 2.5 },
    });
    expect(floors.status).toBe(422);
    expect(floors.body).toMatchObject({ code: 'REGISTRATION.INVALID_PARTICULAR', details: { particular: 'jumlah-lantai' } });
    const renewalOfNothing = await h.as('loket', 'POST', '/api/dossiers', {
      ...PBG_REQUEST,
      variant: 'perubahan',
      previousPermitNumber: 'PBG/2020/999999',
    });
    expect(renewalOfNothing.status).toBe(422);
    expect(renewalOfNothing.body).toMatchObject({ code: 'REGISTRATION.PREVIOUS_PERMIT_INVALID', details: { found: false } });
    expect(await h.lastPosition()).toBe(before);
  });

  it('refuses malformed and hostile bodies with 400 and the fields, writing nothing', async () => {
    const before = await h.lastPosition();
    const cases: [object | string, string][] = [
      [{ ...PBG_REQUEST, applicant: { ...PBG_REQUEST.applicant, nik: '12345' } }, 'applicant.nik'],
      [{ ...PBG_REQUEST, applicant: { ...PBG_REQUEST.applicant, nik: 3273011508800001 } }, 'applicant.nik'],
      [{ ...PBG_REQUEST, requirements: 'ktp' }, 'requirements'],
      [{ ...PBG_REQUEST, isAdmin: true }, 'isAdmin'],
      [{ ...PBG_REQUEST, applicant: { ...PBG_REQUEST.applicant, name: 'x'.repeat(5000) } }, 'applicant.name'],
      [{ ...PBG_REQUEST, applicant: { ...PBG_REQUEST.applicant, name: '<script>alert(1)</script>' } }, 'applicant.name'],
      [{ ...PBG_REQUEST, inputs: { 'luas-lantai': 'banyak' } }, 'inputs'],
      [{ ...PBG_REQUEST, particulars: { ...PBG_REQUEST.particulars, fungsi: ['hunian'] } }, 'particulars'],
      [{ ...PBG_REQUEST, particulars: { 'alamat-bangunan': 'x'.repeat(600) } }, 'particulars'],
      [{ ...PBG_REQUEST, variant: 'sementara' }, 'variant'],
      [{ ...PBG_REQUEST, applicant: { ...PBG_REQUEST.applicant, phone: '12' } }, 'applicant.phone'],
      [{ ...PBG_REQUEST, applicant: { ...PBG_REQUEST.applicant, email: 'sari@' } }, 'applicant.email'],
      [{ ...PBG_REQUEST, applicant: { ...PBG_REQUEST.applicant, nib: '91200012345' } }, 'applicant.nib'],
      [{ ...PBG_REQUEST, applicant: { ...PBG_REQUEST.applicant, language: 'jv' } }, 'applicant.language'],
      [{ ...PBG_REQUEST, applicant: { ...PBG_REQUEST.applicant, notices: 'yes' } }, 'applicant.notices'],
    ];
    for (const [body, field] of cases) {
      const r = await h.as('loket', 'POST', '/api/dossiers', body);
      expect(r.status).toBe(400);
      expect((r.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    }
    const broken = await h.as('loket', 'POST', '/api/dossiers', '{"service": "pbg",');
    expect(broken.status).toBe(400);
    const huge = await h.as('loket', 'POST', '/api/dossiers', JSON.stringify({ ...PBG_REQUEST, pad: 'x'.repeat(200_000) }));
    expect(huge.status).toBe(413);
    const payment = await h.as('kasir', 'POST', '/api/dossiers/00000000-0000-4000-8000-000000000000/payments', {
      reference: 'X',
      amount: -5,
      channel: 'gold',
    });
    expect(payment.status).toBe(400);
    expect((payment.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['amount', 'channel']);
    expect(await h.lastPosition()).toBe(before);
  });

  it('takes a name in any script the permit prints, and refuses one it would print as empty boxes, saying which letters', async () => {
    for (const name of ['محمد عبد الله', '王小明', 'Nguyễn Thị Ngọc Ánh'])
      expect((await h.as('loket', 'POST', '/api/dossiers', { ...PBG_REQUEST, applicant: { ...PBG_REQUEST.applicant, name } })).status).toBe(
        201,
      );
    const before = await h.lastPosition();
    // Linear B: letters, but in no face the documents embed (issue 20: such names printed as garbage on the permit).
    const r = await h.as('loket', 'POST', '/api/dossiers', { ...PBG_REQUEST, applicant: { ...PBG_REQUEST.applicant, name: 'Budi 𐀀𐀁' } });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([
      {
        field: 'applicant.name',
        reason: 'name has characters the permit cannot print: 𐀀 𐀁 (Latin, Arabic and Chinese/Japanese scripts print)',
      },
    ]);
    expect(await h.lastPosition()).toBe(before);
  });

  it('keeps verification, decision, signature and issuance in different hands, even for an account given every desk', async () => {
    // Issue 20: one account with all four desks verified, approved, signed and issued the same permit (all 200).
    const username = `serba-${Date.now().toString(36)}`;
    const desks = ['back-office', 'kabid', 'kepala-dinas', 'tata-usaha'];
    const created = await h.as('admin', 'POST', '/api/officers', {
      username,
      name: 'Serba Bisa',
      role: 'processor',
      desks,
      password: 'rahasia-sekali',
    });
    expect(created.status).toBe(201);
    await h.firstLogin(username, 'rahasia-sekali');
    const { id } = await registerDossier(h);
    expect((await h.act(username, id, 'complete', { outcome: 'forward' })).status).toBe(200);
    await h.act('tpa', id, 'recommendation', { positive: true, note: 'ok' });
    await h.act('pupr', id, 'recommendation', { positive: true, note: 'ok' });
    await h.act('kasir', id, 'fee', {});
    const total = await until('the SKRD in the dossier view', async () => {
      const fee = (await h.as('kasir', 'GET', `/api/dossiers/${id}`)).body.fee as { total: number } | null;
      return fee?.total;
    });
    await h.as('kasir', 'POST', `/api/dossiers/${id}/payments`, { reference: `SOD-${id.slice(0, 8)}`, amount: total, channel: 'bank' });
    expect((await h.as('kasir', 'POST', `/api/dossiers/${id}/complete`, { outcome: 'forward' })).status).toBe(200);
    // The verifier may not decide: told why, offered nothing, and nothing written.
    const before = await h.lastPosition();
    const decide = await h.act(username, id, 'approve', {});
    expect(decide.status).toBe(403);
    expect(decide.body).toMatchObject({ code: 'AUTH.SEPARATION_OF_DUTIES', details: { duty: 'decision', did: 'review' } });
    expect(await h.lastPosition()).toBe(before);
    const offered = await until('the dossier at the decision desk', async () => {
      const detail = (await h.as(username, 'GET', `/api/dossiers/${id}`)).body;
      return (detail.step as { kind?: string } | null)?.kind === 'decision' ? detail.available : undefined;
    });
    expect(offered).toEqual({ desk: 'kabid', separatedBy: 'review', commands: [] });
    expect((await h.act('kabid', id, 'approve', {})).status).toBe(200);
    expect((await h.act(username, id, 'sign', {})).body.code).toBe('AUTH.SEPARATION_OF_DUTIES');
    expect((await h.act('kadis', id, 'sign', {})).status).toBe(200);
    expect((await h.act(username, id, 'issue', {})).body.code).toBe('AUTH.SEPARATION_OF_DUTIES');
    expect((await h.act('tu', id, 'issue', {})).status).toBe(200);
  });

  it('answers an unknown number and a wrong PIN the same way', async () => {
    const { reg } = await register();
    const wrongPin = await h.track(reg, '000000');
    const unknown = await h.track('PBG-1999-999999', '000000');
    expect(wrongPin.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect({ ...wrongPin.body, instance: undefined }).toEqual({ ...unknown.body, instance: undefined });
  });
});
