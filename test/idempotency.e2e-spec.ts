import { randomUUID } from 'node:crypto';
import { e2eEngines, Harness, PBG_REQUEST, type Reply, harnessPerSuite, registerDossier } from './support/http-harness.js';
import { describeEngines } from '#berkas/testing';

const engines = await e2eEngines();

const key = () => ({ 'Idempotency-Key': randomUUID() });

describeEngines(engines)('idempotent commands and dense registers over HTTP on %s', (_engine, factory) => {
  let h!: Harness;
  harnessPerSuite(factory, (started) => (h = started));

  const register = (body: object = PBG_REQUEST) => registerDossier(h, body, key());

  /** Sends the same request twice with one key and checks the retry is answered with the first outcome. */
  async function retried(username: string, path: string, body: object, status = 200): Promise<Reply> {
    const headers = key();
    const first = await h.as(username, 'POST', path, body, headers);
    expect(first.status).toBe(status);
    expect(first.body.duplicate).toBe(false);
    const before = await h.lastPosition();
    const again = await h.as(username, 'POST', path, body, headers);
    expect(again.status).toBe(status);
    expect(again.body).toEqual({ ...first.body, duplicate: true });
    expect(await h.lastPosition()).toBe(before);
    return first;
  }

  it('answers a retried step with the original outcome, whatever the dossier did since', async () => {
    const { id } = await register();
    await h.as('verifikator', 'POST', `/api/dossiers/${id}/claim`, {});
    // The dossier has left the back office: deciding the retry again would say DOSSIER.NOT_AT_DESK.
    await retried('verifikator', `/api/dossiers/${id}/complete`, { outcome: 'forward' });
    // A recommendation retried: deciding it again would say STEP.ALREADY_ANSWERED.
    await h.as('tpa', 'POST', `/api/dossiers/${id}/claim`, {});
    await retried('tpa', `/api/dossiers/${id}/recommendation`, { positive: true, note: 'Memenuhi standar' });
    expect((await h.act('pupr', id, 'recommendation', { positive: true, note: 'SPPST' })).status).toBe(200);
    await h.as('kasir', 'POST', `/api/dossiers/${id}/claim`, {});
    const fee = await retried('kasir', `/api/dossiers/${id}/fee`, {});
    expect(fee.body.events).toEqual(['FeeAssessed']);
    // A payment retried: deciding it again would say FEE.DUPLICATE_PAYMENT.
    await retried('kasir', `/api/dossiers/${id}/payments`, { reference: 'BPD-9', amount: 234_000, channel: 'bank' });
  });

  it('answers concurrent sends of one key with one event and the same outcome for every sender', async () => {
    const { id } = await register();
    await h.as('verifikator', 'POST', `/api/dossiers/${id}/claim`, {});
    const headers = key();
    const replies = await Promise.all(
      Array.from({ length: 8 }, () => h.as('verifikator', 'POST', `/api/dossiers/${id}/complete`, { outcome: 'forward' }, headers)),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(replies.filter((r) => r.body.duplicate === false)).toHaveLength(1);
    expect(new Set(replies.map((r) => r.body.version)).size).toBe(1);
    const detail = await h.eventually(
      () => h.as('supervisor', 'GET', `/api/dossiers/${id}`),
      (r) => r.body.version === replies[0].body.version,
    );
    const completed = (detail.body.history as { type: string }[]).filter((e) => e.type === 'StepCompleted');
    expect(completed).toHaveLength(1);
  });

  it('answers a retried registration with the same receipt, and refuses the key for another applicant', async () => {
    const headers = key();
    const first = await h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST, headers);
    expect(first.status).toBe(201);
    const again = await h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST, headers);
    expect(again.status).toBe(201);
    expect(again.body).toEqual({ ...first.body, duplicate: true });

    const other = { ...PBG_REQUEST, applicant: { name: 'Sri Rahayu', nik: '3273015203850002', phone: '081298765432' } };
    const before = await h.lastPosition();
    const reused = await h.as('loket', 'POST', '/api/dossiers', other, headers);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    expect(JSON.stringify(reused.body)).not.toContain(first.body.pin as string);
    expect(await h.lastPosition()).toBe(before);
  });

  it('refuses a key reused on another dossier or another command, and changes nothing', async () => {
    const a = await register();
    const b = await register();
    await h.as('verifikator', 'POST', `/api/dossiers/${a.id}/claim`, {});
    await h.as('verifikator', 'POST', `/api/dossiers/${b.id}/claim`, {});
    const headers = key();
    expect((await h.as('verifikator', 'POST', `/api/dossiers/${a.id}/complete`, { outcome: 'forward' }, headers)).status).toBe(200);
    const before = await h.lastPosition();
    const otherDossier = await h.as('verifikator', 'POST', `/api/dossiers/${b.id}/complete`, { outcome: 'forward' }, headers);
    expect(otherDossier.status).toBe(422);
    expect(otherDossier.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    const otherCommand = await h.as('verifikator', 'POST', `/api/dossiers/${b.id}/return`, { reasons: ['KTP buram'] }, headers);
    expect(otherCommand.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    expect(await h.lastPosition()).toBe(before);
    // Another officer's identical key is another key.
    expect((await h.as('verifikator2', 'POST', `/api/dossiers/${b.id}/claim`, {}, headers)).status).toBe(409);
  });

  it('keeps every register dense: refused, conflicting and retried commands consume no number', async () => {
    const seq = (n: string) => Number(/(\d{6})$/.exec(n)![1]);
    const first = await register({ ...PBG_REQUEST });
    // Refused as incomplete, unknown service, and retried: none of them may use a number.
    const incomplete = await h.as('loket', 'POST', '/api/dossiers', { ...PBG_REQUEST, requirements: ['ktp'] });
    expect(incomplete.status).toBe(422);
    expect((await h.as('loket', 'POST', '/api/dossiers', { ...PBG_REQUEST, service: 'tidak-ada' })).status).toBe(422);
    const headers = key();
    const concurrent = await Promise.all([
      h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST, headers),
      h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST, headers),
      h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST, headers),
    ]);
    expect(new Set(concurrent.map((r) => r.body.registrationNumber)).size).toBe(1);
    const next = await register();
    expect(seq(concurrent[0].body.registrationNumber as string)).toBe(seq(first.reg) + 1);
    expect(seq(next.reg)).toBe(seq(first.reg) + 2);

    // Eight cashiers' /fee at once on two dossiers: one SKRD each, numbered one after the other.
    const skrds: string[] = [];
    for (const d of [first, next]) {
      expect((await h.act('verifikator', d.id, 'complete', { outcome: 'forward' })).status).toBe(200);
      expect((await h.act('tpa', d.id, 'recommendation', { positive: true, note: 'ok' })).status).toBe(200);
      expect((await h.act('pupr', d.id, 'recommendation', { positive: true, note: 'ok' })).status).toBe(200);
      await h.as('kasir', 'POST', `/api/dossiers/${d.id}/claim`, {});
      const fees = await Promise.all(Array.from({ length: 8 }, () => h.as('kasir', 'POST', `/api/dossiers/${d.id}/fee`, {})));
      expect(fees.filter((f) => f.status === 200)).toHaveLength(1);
      expect(fees.filter((f) => f.status !== 200).every((f) => f.status === 409 || f.body.code === 'FEE.ALREADY_ASSESSED')).toBe(true);
      const detail = await h.eventually(
        () => h.as('supervisor', 'GET', `/api/dossiers/${d.id}`),
        (r) => Boolean(r.body.fee),
      );
      skrds.push((detail.body.fee as { skrdNumber: string }).skrdNumber);
    }
    expect(seq(skrds[1])).toBe(seq(skrds[0]) + 1);
  });

  it('refuses a fee that could slip: tiny or unknown inputs at registration and at the fee desk', async () => {
    const before = await h.lastPosition();
    const tiny = await h.as('loket', 'POST', '/api/dossiers', {
      ...PBG_REQUEST,
      inputs: { 'luas-lantai': 1e-7 },
    });
    expect(tiny.status).toBe(422);
    expect(tiny.body).toMatchObject({ code: 'FEE.INPUT_OUT_OF_RANGE', details: { input: 'luas-lantai', min: 1 } });
    const unknown = await h.as('loket', 'POST', '/api/dossiers', { ...PBG_REQUEST, inputs: { ...PBG_REQUEST.inputs, tarif: 1 } });
    expect(unknown.body.code).toBe('FEE.UNKNOWN_INPUT');
    expect(await h.lastPosition()).toBe(before);

    const { id } = await register();
    expect((await h.act('verifikator', id, 'complete', { outcome: 'forward' })).status).toBe(200);
    expect((await h.act('tpa', id, 'recommendation', { positive: true, note: 'ok' })).status).toBe(200);
    expect((await h.act('pupr', id, 'recommendation', { positive: true, note: 'ok' })).status).toBe(200);
    const override = await h.act('kasir', id, 'fee', { inputs: { 'luas-lantai': 1e-7 } });
    expect(override.body.code).toBe('FEE.INPUT_OUT_OF_RANGE');
    expect((await h.as('kasir', 'POST', `/api/dossiers/${id}/complete`, { outcome: 'forward' })).body.code).toBe('FEE.NOT_ASSESSED');
    expect((await h.as('kasir', 'POST', `/api/dossiers/${id}/fee`, {})).status).toBe(200);
    const pay = (reference: string) =>
      h.as('kasir', 'POST', `/api/dossiers/${id}/payments`, { reference, amount: 100_000, channel: 'bank' });
    expect((await pay('R1')).status).toBe(200);
    expect((await pay('r1')).body.code).toBe('FEE.DUPLICATE_PAYMENT');
    expect((await pay('r 1')).body.code).toBe('FEE.DUPLICATE_PAYMENT');
    expect((await h.as('kasir', 'POST', `/api/dossiers/${id}/complete`, { outcome: 'forward' })).body.code).toBe('FEE.NOT_PAID');
  });

  it('lets one bank transfer settle one SKRD: its reference on a second dossier is refused with the first one named', async () => {
    const atFee = async () => {
      const dossier = await register();
      await h.act('verifikator', dossier.id, 'complete', { outcome: 'forward' });
      await h.act('tpa', dossier.id, 'recommendation', { positive: true, note: 'ok' });
      await h.act('pupr', dossier.id, 'recommendation', { positive: true, note: 'ok' });
      expect((await h.act('kasir', dossier.id, 'fee', {})).status).toBe(200);
      return dossier;
    };
    const a = await atFee();
    const b = await atFee();
    const pay = (id: string, reference: string, channel = 'bank') =>
      h.as('kasir', 'POST', `/api/dossiers/${id}/payments`, { reference, amount: 100_000, channel });
    expect((await pay(a.id, 'BANK-TRX-1')).status).toBe(200);
    const before = await h.lastPosition();
    // The same transfer again, however it is typed: refused, naming the dossier it settled, and nothing recorded.
    for (const again of ['BANK-TRX-1', 'bank-trx-1', 'BANK- TRX-1']) {
      const refused = await pay(b.id, again);
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({
        code: 'FEE.REFERENCE_USED_ELSEWHERE',
        details: { reference: 'BANK-TRX-1', channel: 'bank', registrationNumber: a.reg },
      });
    }
    expect(await h.lastPosition()).toBe(before);
    // A reference is the bank's: the same characters from the cashier's own book are another payment.
    expect((await pay(b.id, 'BANK-TRX-1', 'cashier')).status).toBe(200);
  });
});
