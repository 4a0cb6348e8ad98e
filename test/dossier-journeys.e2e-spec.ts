import { e2eEngines, Harness, PBG_REQUEST, harnessPerSuite, registerDossier, until } from './support/http-harness.js';
import { describeEngines } from '#berkas/testing';

const engines = await e2eEngines();

describeEngines(engines)('dossier journeys over HTTP on %s', (_engine, factory) => {
  let h!: Harness;
  harnessPerSuite(factory, (started) => (h = started));

  const register = (body: object = PBG_REQUEST) => registerDossier(h, body);

  it('takes a PBG dossier from registration to handover, desk by desk, with the public view at each stage', async () => {
    const { id, reg, pin } = await register();
    expect(reg).toMatch(/^PBG-\d{4}-\d{6}$/);
    expect(pin).toMatch(/^\d{6}$/);

    let pub = await h.publicStatus(reg, pin, 'in-process');
    expect(pub.body.applicant).toBe('B*** S******');
    expect((pub.body.stage as { desks: { id: string }[] }).desks[0].id).toBe('Back Office (Verifikasi)');
    expect(JSON.stringify(pub.body)).not.toContain('3273011508800001');

    const queue = await h.eventually(
      () => h.as('verifikator', 'GET', '/api/queues/back-office'),
      (r) => (r.body.items as { dossierId: string }[]).some((i) => i.dossierId === id),
    );
    expect((queue.body.items as { registrationNumber: string }[]).map((i) => i.registrationNumber)).toContain(reg);
    // What the verifier may do now comes with the dossier, asked by id or by registration number alike.
    for (const key of [id, reg])
      expect((await h.as('verifikator', 'GET', `/api/dossiers/${key}`)).body.available).toEqual({
        desk: 'back-office',
        commands: [{ type: 'ClaimDossier', desk: 'back-office' }],
      });

    expect((await h.act('verifikator', id, 'complete', { outcome: 'forward' })).status).toBe(200);
    pub = await h.eventually(
      () => h.track(reg, pin),
      (r) => (r.body.stage as { step: { id: string } } | null)?.step.id === 'Konsultasi teknis TPA dan Dinas Teknis',
    );
    expect((pub.body.stage as { desks: unknown[] }).desks).toHaveLength(2);

    expect((await h.act('tpa', id, 'recommendation', { positive: true, note: 'Memenuhi standar' })).status).toBe(200);
    expect((await h.act('pupr', id, 'recommendation', { positive: true, note: 'SPPST terbit' })).status).toBe(200);

    expect((await h.act('kasir', id, 'fee', {})).status).toBe(200);
    pub = await h.publicStatus(reg, pin, 'awaiting-payment');
    expect(pub.body.fee).toMatchObject({ total: 234_000, outstanding: 234_000 });

    expect(
      (await h.as('kasir', 'POST', `/api/dossiers/${id}/payments`, { reference: 'BPD-1', amount: 200_000, channel: 'bank' })).status,
    ).toBe(200);
    const early = await h.as('kasir', 'POST', `/api/dossiers/${id}/complete`, { outcome: 'forward' });
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('FEE.NOT_PAID');
    expect(
      (await h.as('kasir', 'POST', `/api/dossiers/${id}/payments`, { reference: 'BPD-2', amount: 34_000, channel: 'bank' })).status,
    ).toBe(200);
    expect((await h.as('kasir', 'POST', `/api/dossiers/${id}/complete`, { outcome: 'forward' })).status).toBe(200);
    pub = await h.publicStatus(reg, pin, 'in-process');
    expect(pub.body.fee).toMatchObject({ paid: 234_000, outstanding: 0 });

    expect((await h.act('kabid', id, 'approve', {})).status).toBe(200);
    expect((await h.act('kadis', id, 'sign', {})).status).toBe(200);
    expect((await h.act('tu', id, 'issue', {})).status).toBe(200);
    pub = await h.publicStatus(reg, pin, 'ready-for-collection');
    expect(pub.body.readyToCollect).toBe(true);
    const permit = pub.body.permit as { number: string };
    expect(permit.number).toMatch(/^PBG\/\d{4}\/\d{6}$/);

    const detail = await h.as('supervisor', 'GET', `/api/dossiers/${id}`);
    const code = (detail.body.permit as { verificationCode: string }).verificationCode;
    const verified = await h.eventually(
      () => h.request('GET', `/api/public/permits/${code}`),
      (r) => r.status === 200,
    );
    expect(verified.body).toMatchObject({ valid: true, permitNumber: permit.number, holder: 'B*** S******' });

    expect((await h.as('loket', 'POST', `/api/dossiers/${id}/handover`, { receivedBy: 'Budi Santoso' })).status).toBe(200);
    pub = await h.publicStatus(reg, pin, 'completed');
    const timeline = (pub.body.timeline as { text: { id: string } }[]).map((t) => t.text.id);
    expect(timeline[0]).toBe('Berkas lengkap dan diregistrasi');
    expect(timeline.at(-1)).toBe('Izin diserahkan kepada pemohon');
    expect(JSON.stringify(pub.body)).not.toMatch(/officer-|Agus|Rina/);

    // The officers' detail keeps the full audit trail: who, when, at which desk.
    const audit = await h.eventually(
      () => h.as('supervisor', 'GET', `/api/dossiers/${id}`),
      (r) => (r.body.history as { type: string }[]).some((e) => e.type === 'PermitHandedOver'),
    );
    const history = audit.body.history as { type: string; officerId: string }[];
    expect(history.find((e) => e.type === 'DossierApproved')?.officerId).toBe('officer-kabid');
    expect(history.find((e) => e.type === 'DossierRegistered')?.officerId).toBe('officer-loket');
  });

  it('previews the SKRD before issuing it, and corrects one issued wrong by a cancellation that stays in the trail', async () => {
    const { id, reg, pin } = await register();
    await h.act('verifikator', id, 'complete', { outcome: 'forward' });
    await h.act('tpa', id, 'recommendation', { positive: true, note: 'Memenuhi standar' });
    await h.act('pupr', id, 'recommendation', { positive: true, note: 'SPPST terbit' });
    expect((await h.as('kasir', 'POST', `/api/dossiers/${id}/claim`, {})).status).toBe(200);
    const before = await h.lastPosition();

    const preview = await h.as('kasir', 'POST', `/api/dossiers/${id}/fee/preview`, {});
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ total: 234_000, inputs: { 'luas-lantai': 120 } });
    expect((preview.body.lines as { amount: number }[]).map((l) => l.amount)).toEqual([234_000]);
    const outOfRange = await h.as('kasir', 'POST', `/api/dossiers/${id}/fee/preview`, { inputs: { 'luas-lantai': 250_000 } });
    expect(outOfRange.status).toBe(422);
    expect(outOfRange.body.code).toBe('FEE.INPUT_OUT_OF_RANGE');
    // Previews write nothing, and only the fee desk may look.
    expect((await h.as('kabid', 'POST', `/api/dossiers/${id}/fee/preview`, {})).status).toBe(403);
    expect(await h.lastPosition()).toBe(before);

    const issued = await h.as('kasir', 'POST', `/api/dossiers/${id}/fee`, {});
    expect(issued.status).toBe(200);
    await h.publicStatus(reg, pin, 'awaiting-payment');
    const tooShort = await h.as('kasir', 'POST', `/api/dossiers/${id}/fee/cancel`, { reason: 'salah' });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    const cancelled = await h.as('kasir', 'POST', `/api/dossiers/${id}/fee/cancel`, {
      reason: 'Luas lantai 120 salah ketik, seharusnya 102',
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.events).toEqual(['FeeAssessmentCancelled']);
    let pub = await h.publicStatus(reg, pin, 'in-process');
    expect(pub.body.fee).toBeNull();

    const corrected = await h.as('kasir', 'POST', `/api/dossiers/${id}/fee/preview`, { inputs: { 'luas-lantai': 102 } });
    // LLt 102 m2 x It 0,078 x Ilo 0,5% x SHST Rp 5.000.000.
    expect(corrected.body.total).toBe(102 * 1_950);
    expect((await h.as('kasir', 'POST', `/api/dossiers/${id}/fee`, { inputs: { 'luas-lantai': 102 } })).status).toBe(200);
    pub = await h.publicStatus(reg, pin, 'awaiting-payment');
    expect(pub.body.fee).toMatchObject({ total: corrected.body.total });
    expect((pub.body.timeline as { text: { id: string } }[]).map((t) => t.text.id).filter((t) => t.startsWith('SKRD'))).toEqual([
      expect.stringMatching(/^SKRD SKRD\/\d{4}\/\d{6} terbit$/),
      expect.stringMatching(/dibatalkan/),
      expect.stringMatching(/terbit$/),
    ]);

    const detail = await h.eventually(
      () => h.as('kasir', 'GET', `/api/dossiers/${id}`),
      (r) => (r.body.fee as { total?: number } | null)?.total === corrected.body.total,
    );
    const old = (detail.body.cancelledFees as { skrdNumber: string; total: number; reason: string }[])[0];
    expect(old).toMatchObject({ total: 234_000, reason: 'Luas lantai 120 salah ketik, seharusnya 102' });
    expect((detail.body.fee as { skrdNumber: string }).skrdNumber).not.toBe(old.skrdNumber);
    const trail = (detail.body.history as { type: string; officerId: string }[]).filter((e) => e.type.startsWith('Fee'));
    expect(trail.map((e) => [e.type, e.officerId])).toEqual([
      ['FeeAssessed', 'officer-kasir'],
      ['FeeAssessmentCancelled', 'officer-kasir'],
      ['FeeAssessed', 'officer-kasir'],
    ]);

    // Once money is in, the bill stands.
    await h.as('kasir', 'POST', `/api/dossiers/${id}/payments`, { reference: 'BPD-77', amount: 1000, channel: 'bank' });
    const late = await h.as('kasir', 'POST', `/api/dossiers/${id}/fee/cancel`, { reason: 'Sudah dibayar sebagian, tetap batal' });
    expect(late.status).toBe(422);
    expect(late.body.code).toBe('FEE.PAYMENT_RECORDED');
  });

  it('returns a dossier for correction with reasons the applicant can read, and the resubmission reaches the same desk', async () => {
    const { id, reg, pin } = await register();
    await h.act('verifikator', id, 'complete', { outcome: 'forward' });
    const ret = await h.act('pupr', id, 'return', { reasons: ['Gambar struktur belum ditandatangani'] });
    expect(ret.status).toBe(200);
    const pub = await h.publicStatus(reg, pin, 'returned');
    expect((pub.body.correction as { reasons: string[] }).reasons).toEqual(['Gambar struktur belum ditandatangani']);
    expect((pub.body.status as { en: string }).en).toBe('Returned for correction');

    expect((await h.as('loket', 'POST', `/api/dossiers/${id}/resubmit`, { note: 'Gambar sudah ditandatangani' })).status).toBe(200);
    await h.publicStatus(reg, pin, 'in-process');
    const q = await h.eventually(
      () => h.as('pupr', 'GET', '/api/queues/dinas-pupr'),
      (r) => (r.body.items as { dossierId: string }[]).some((i) => i.dossierId === id),
    );
    expect((q.body.items as { dossierId: string; heldBy: string | null }[]).find((i) => i.dossierId === id)?.heldBy).toBe('officer-pupr');
  });

  it('rejects a dossier after a negative technical recommendation, and says why in public', async () => {
    const { id, reg, pin } = await register();
    await h.act('verifikator', id, 'complete', { outcome: 'forward' });
    await h.act('tpa', id, 'recommendation', { positive: false, note: 'KDB melebihi ketentuan' });
    await h.act('pupr', id, 'recommendation', { positive: true, note: 'ok' });
    const approve = await h.act('kabid', id, 'approve', {});
    expect(approve.status).toBe(422);
    expect(approve.body.code).toBe('DECISION.NEGATIVE_RECOMMENDATION');
    expect((await h.as('kabid', 'POST', `/api/dossiers/${id}/reject`, { reasons: ['KDB melebihi ketentuan RTRW'] })).status).toBe(200);
    const pub = await h.publicStatus(reg, pin, 'rejected');
    expect(pub.body.rejection).toEqual({ reasons: ['KDB melebihi ketentuan RTRW'] });
  });
  it('finds dossiers by registration number, applicant name or permit number, a page at a time, within what the officer may see', async () => {
    const named = (name: string) => ({ ...PBG_REQUEST, applicant: { ...PBG_REQUEST.applicant, name } });
    const a = await register(named('Siti Rahmawati'));
    const b = await register(named('Rahmat Hidayat'));
    const c = await register(named('Dewi Rahmadani'));
    type Found = { items: { dossierId: string; registrationNumber: string; applicantName: string }[]; total: number };
    const find = async (who: string, q: string) => {
      const r = await h.as(who, 'GET', `/api/search?q=${encodeURIComponent(q)}`);
      expect(r.status).toBe(200);
      return r.body as unknown as Found;
    };
    // Any part of the name, any case; newest first.
    const rahma = await h.eventually(
      async () => ({ body: await find('loket', 'RAHMA') }),
      (r) => r.body.items.some((i) => i.dossierId === c.id),
    );
    const ids = rahma.body.items.map((i) => i.dossierId);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id, c.id]));
    expect(ids.indexOf(c.id)).toBeLessThan(ids.indexOf(a.id));
    // The registration number from its start; LIKE wildcards typed by an officer are plain characters.
    expect((await find('loket', a.reg)).items.map((i) => i.dossierId)).toEqual([a.id]);
    expect((await find('loket', 'dewi rahmad')).items.map((i) => i.dossierId)).toEqual([c.id]);
    expect((await find('loket', '%%')).total).toBe(0);
    expect((await find('loket', 'r_hma')).total).toBe(0);
    // Pages of one: no overlap, no gap, the same total on each.
    const paged: string[] = [];
    for (let offset = 0; offset < rahma.body.total; offset++) {
      const page = await h.as('loket', 'GET', `/api/search?q=rahma&limit=1&offset=${offset}`);
      expect(page.body).toMatchObject({ total: rahma.body.total, limit: 1, offset });
      paged.push(...(page.body.items as { dossierId: string }[]).map((i) => i.dossierId));
    }
    expect(paged).toEqual(ids);
    // A processor finds what has reached their desk (all three wait at the back office); the cashier finds none of them.
    expect((await find('verifikator', 'rahma')).items.map((i) => i.dossierId)).toEqual(expect.arrayContaining([a.id, b.id, c.id]));
    const cashier = (await find('kasir', 'rahma')).items.map((i) => i.dossierId);
    expect(cashier).not.toContain(a.id);
    expect(cashier).not.toContain(c.id);
    // A permit number finds its dossier once issued (the journey test above issued one); registration numbers do not match it.
    const permits = (await find('supervisor', 'pbg/')).items as unknown as { permitNumber: string | null }[];
    expect(permits.length).toBeGreaterThan(0);
    expect(permits.every((i) => /^PBG\/\d{4}\/\d{6}$/.test(i.permitNumber ?? ''))).toBe(true);
    const bad = await h.as('loket', 'GET', '/api/search?q=x');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('q');
    expect((await h.request('GET', '/api/search?q=rahma')).status).toBe(401);
  });

  it('amends an issued PBG from its permit: the counter fills the form from the register, and the new dossier names the permit', async () => {
    // Issue 20: no service had variants, and nothing started from the previous permit.
    const issued = (await h.as('supervisor', 'GET', '/api/search?q=pbg/')).body.items as { permitNumber: string; dossierId: string }[];
    const permitNumber = issued[0].permitNumber;
    const basis = await h.as('loket', 'GET', `/api/permits/renewal-basis?number=${encodeURIComponent(permitNumber)}`);
    expect(basis.status).toBe(200);
    expect(basis.body).toMatchObject({
      permitNumber,
      service: 'pbg',
      validUntil: null,
      revoked: false,
      applicant: { nik: PBG_REQUEST.applicant.nik },
      particulars: PBG_REQUEST.particulars,
      inputs: { 'luas-lantai': 120 },
    });
    expect((basis.body.variants as { code: string }[]).map((v) => v.code)).toEqual(['perubahan']);
    // The read of the holder's data is in the access log, like every other.
    const log = (await h.as('supervisor', 'GET', '/api/access-log')).body as { items?: { what: string }[] } | { what: string }[];
    expect(JSON.stringify(log)).toContain('renewal-basis');
    expect((await h.as('loket', 'GET', '/api/permits/renewal-basis?number=PBG%2F1999%2F000001')).status).toBe(404);
    // An amendment does not bring the land title again; it names the permit it changes.
    const amendment = {
      ...PBG_REQUEST,
      requirements: PBG_REQUEST.requirements.filter((r) => r !== 'bukti-tanah'),
      inputs: { 'luas-lantai': 40 },
      variant: 'perubahan',
      previousPermitNumber: permitNumber,
    };
    const someoneElse = await h.as('loket', 'POST', '/api/dossiers', {
      ...amendment,
      applicant: { ...PBG_REQUEST.applicant, nik: '3273015203850002' },
    });
    expect(someoneElse.status).toBe(422);
    expect(someoneElse.body.code).toBe('REGISTRATION.PREVIOUS_PERMIT_INVALID');
    const { id } = await registerDossier(h, amendment);
    const detail = await until('the amendment in the read model', async () => {
      const r = await h.as('loket', 'GET', `/api/dossiers/${id}`);
      return r.status === 200 ? (r.body as { variant?: string; previousPermit?: { permitNumber: string } }) : undefined;
    });
    expect(detail.variant).toBe('perubahan');
    expect(detail.previousPermit?.permitNumber).toBe(permitNumber);
  });

  it('lets an admin create an officer for a desk, who can then work that desk only', async () => {
    const username = `verif${Date.now() % 100000}`;
    expect(
      (
        await h.as('supervisor', 'POST', '/api/officers', {
          username,
          name: 'Dewi',
          role: 'processor',
          desks: ['back-office'],
          password: 'rahasia-sekali',
        })
      ).status,
    ).toBe(403);
    const bad = await h.as('admin', 'POST', '/api/officers', {
      username,
      name: 'Dewi',
      role: 'processor',
      desks: ['nowhere'],
      password: 'rahasia-sekali',
    });
    expect(bad.status).toBe(400);
    const incomplete = await h.as('admin', 'POST', '/api/officers', { username });
    expect(incomplete.status).toBe(400);
    expect((incomplete.body.errors as { field: string }[]).map((e) => e.field)).toEqual(
      expect.arrayContaining(['name', 'role', 'password']),
    );
    const created = await h.as('admin', 'POST', '/api/officers', {
      username,
      name: 'Dewi',
      role: 'processor',
      desks: ['back-office'],
      password: 'rahasia-sekali',
    });
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty('passwordHash');
    const token = await h.firstLogin(username, 'rahasia-sekali');
    expect((await h.request('GET', '/api/queues/back-office', undefined, { authorization: `Bearer ${token}` })).status).toBe(200);
    expect((await h.request('GET', '/api/queues/kabid', undefined, { authorization: `Bearer ${token}` })).status).toBe(403);
    const moved = await h.as('admin', 'PATCH', `/api/officers/${created.body.officerId as string}`, { desks: ['kabid'] });
    expect(moved.body.desks).toEqual(['kabid']);
  });

  it('serves health and metrics on the operations port only, and the OpenAPI document', async () => {
    expect(h.opsUrl).not.toBe(h.url);
    const health = await fetch(`${h.opsUrl}/health/ready`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { status: string }).status).toBe('ok');
    expect((await fetch(`${h.opsUrl}/health/live`)).status).toBe(200);
    for (const path of ['/api/health', '/api/metrics', '/metrics', '/health/ready'])
      expect((await h.request('GET', path)).status).toBe(404);
    const metrics = await (await fetch(`${h.opsUrl}/metrics`)).text();
    expect(metrics).toMatch(/berkas_commands_total\{type="RegisterDossier",outcome="ok"\} [1-9]/);
    // Command latency, per type and outcome.
    expect(metrics).toMatch(/berkas_command_duration_seconds_count\{type="RegisterDossier",outcome="ok"\} [1-9]/);
    expect(metrics).toMatch(/berkas_projection_events_behind\{projection="public-tracking"\} \d+/);
    const openapi = await h.request('GET', '/api/docs-json');
    expect(Object.keys(openapi.body.paths as object)).toEqual(
      expect.arrayContaining(['/api/dossiers', '/api/public/tracking', '/api/queues/{desk}']),
    );
    type Operation = { parameters?: { name: string; in: string; required?: boolean }[]; responses: Record<string, { content?: object }> };
    const paths = openapi.body.paths as Record<string, Record<string, Operation>>;
    const register = paths['/api/dossiers'].post;
    const headers = (register.parameters ?? []).filter((p) => p.in === 'header');
    expect(headers.filter((p) => p.name.toLowerCase() === 'idempotency-key')).toEqual([
      expect.objectContaining({ name: 'Idempotency-Key', required: false }),
    ]);
    expect(Object.keys(register.responses)).toEqual(expect.arrayContaining(['201', '400', '422', '503']));
    // The routes of the command table are documented like hand-written ones: their body's schema, 409 among the answers.
    type Documented = Operation & { requestBody?: { content: Record<string, { schema: { $ref?: string } }> } };
    for (const [path, dto] of [
      ['/api/dossiers/{id}/payments', 'PaymentDto'],
      ['/api/dossiers/{id}/complete', 'CompleteStepDto'],
      ['/api/dossiers/{id}/fee/cancel', 'CancelFeeDto'],
    ]) {
      const op = paths[path].post as Documented;
      expect([path, op.requestBody?.content['application/json'].schema.$ref]).toEqual([path, `#/components/schemas/${dto}`]);
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '409', '422']));
    }
    // Every operation documents its errors as problem+json.
    for (const [path, ops] of Object.entries(paths))
      for (const [method, op] of Object.entries(ops)) {
        const errors = Object.entries(op.responses).filter(([code]) => Number(code) >= 400);
        const success = Object.entries(op.responses).filter(([code]) => Number(code) < 300);
        expect([`${method} ${path}`, errors.length > 0, success.length > 0]).toEqual([`${method} ${path}`, true, true]);
        for (const [, r] of success) expect([`${method} ${path}`, Boolean(r.content)]).toEqual([`${method} ${path}`, true]);
        for (const [, r] of errors) expect(r.content).toHaveProperty(['application/problem+json']);
      }
    expect((await h.as('supervisor', 'GET', '/api/queues/no-such-desk')).status).toBe(404);
  });

  it("serves the public tracking page and the officers' console", async () => {
    const pub = await fetch(`${h.url}/`);
    expect(pub.headers.get('content-type')).toContain('text/html');
    expect(await pub.text()).toContain('Lacak Berkas Permohonan');
    // The old desk page sends officers to the console.
    const old = await fetch(`${h.url}/meja`, { redirect: 'manual' });
    expect(old.status).toBe(301);
    expect(old.headers.get('location')).toBe('/konsol/');
    const desk = await fetch(`${h.url}/konsol/antrean/back-office`);
    expect(desk.status).toBe(200);
    expect(await desk.text()).toContain('Konsol Petugas');
    expect((await fetch(`${h.url}/konsol/assets/nope.js`)).status).toBe(404);
    expect((await fetch(`${h.url}/konsol/assets/..%2Fpackage.json`)).status).toBe(404);
  });

  it('requires login for officers, and lets only supervisors see statistics', async () => {
    expect((await h.request('GET', '/api/queues/back-office')).status).toBe(401);
    expect((await h.as('verifikator', 'GET', '/api/queues/kabid')).status).toBe(403);
    expect((await h.as('verifikator', 'GET', '/api/statistics')).status).toBe(403);
    const stats = await h.as('supervisor', 'GET', '/api/statistics');
    expect(stats.status).toBe(200);
    const pbg = (stats.body.services as { service: string; byStatus: Record<string, number> }[]).find((s) => s.service === 'pbg');
    expect(Object.values(pbg?.byStatus ?? {}).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect((await h.request('POST', '/api/auth/login', { username: 'loket', password: 'wrong' })).status).toBe(401);
  });
});
