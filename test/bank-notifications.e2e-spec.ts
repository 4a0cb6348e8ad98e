import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { snapSignature } from '#berkas/desk/snap-signature';
import { Harness, registerDossier, until } from './support/http-harness.js';

const SECRET = 'bank-jabar-banten-client-secret';
const TOKEN = 'snap-access-token-for-berkas';
const PATH = '/api/snap/v1.0/transfer-va/payment';

/** A local stand-in for the bank: it signs its SNAP calls as the bank would (HMAC-SHA512 with the shared secret). */
function bank(h: Harness) {
  return async (body: object, o: { externalId?: string; secret?: string; timestamp?: string } = {}) => {
    const timestamp = o.timestamp ?? new Date().toISOString();
    const res = await fetch(`${h.url}${PATH}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${TOKEN}`,
        'x-timestamp': timestamp,
        'x-signature': snapSignature(o.secret ?? SECRET, 'POST', PATH, TOKEN, body, timestamp),
        'x-partner-id': 'BJB',
        'x-external-id': o.externalId ?? randomUUID().replace(/-/g, '').slice(0, 30),
        'channel-id': '95221',
      },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { responseCode: string; responseMessage: string } };
  };
}

describe("payments that arrive by themselves: the bank's SNAP virtual-account notification", () => {
  let h!: Harness;
  beforeAll(async () => {
    h = await Harness.start({
      BERKAS_DATA_DIR: mkdtempSync(join(tmpdir(), 'berkas-snap-')),
      DATABASE_URL: '',
      SNAP_CLIENT_SECRET: SECRET,
      SNAP_ACCESS_TOKEN: TOKEN,
    });
  }, 180_000);
  afterAll(async () => h?.close());

  it('records a signed notification against the SKRD its payment code names, once whatever the retries', async () => {
    const { id } = await registerDossier(h);
    await h.act('verifikator', id, 'complete', { outcome: 'forward' });
    await h.act('tpa', id, 'recommendation', { positive: true, note: 'ok' });
    await h.act('pupr', id, 'recommendation', { positive: true, note: 'ok' });
    await h.act('kasir', id, 'fee', {});
    const fee = await until(
      'the SKRD',
      async () =>
        ((await h.as('kasir', 'GET', `/api/dossiers/${id}`)).body.fee as { skrdNumber: string; total: number } | null) ?? undefined,
    );
    const va = `7001${fee.skrdNumber.replace(/\D/g, '')}`;
    const notice = (paid: number, paymentRequestId = `BJB${Date.now()}`) => ({
      partnerServiceId: '   7001',
      customerNo: fee.skrdNumber.replace(/\D/g, ''),
      virtualAccountNo: va,
      virtualAccountName: 'Sari Wulandari',
      paymentRequestId,
      paidAmount: { value: `${paid}.00`, currency: 'IDR' },
      trxDateTime: new Date().toISOString(),
    });
    const send = bank(h);
    // Not the bank: a wrong secret, a stale timestamp.
    expect((await send(notice(fee.total), { secret: 'someone-else-entirely' })).status).toBe(401);
    expect((await send(notice(fee.total), { timestamp: new Date(Date.now() - 3_600_000).toISOString() })).status).toBe(400);
    // Unknown code, more than the bill: refused with SNAP's codes.
    expect((await send({ ...notice(fee.total), virtualAccountNo: '70019999000001' })).body.responseCode).toBe('4042512');
    expect((await send(notice(fee.total + 1))).body.responseCode).toBe('4042513');
    const before = Number(await h.lastPosition());
    const paid = notice(fee.total, 'BJB-TRX-77');
    const first = await send(paid, { externalId: 'ext-77' });
    expect(first).toEqual({ status: 200, body: expect.objectContaining({ responseCode: '2002500', responseMessage: 'Successful' }) });
    // The bank retries (timeout on its side): the same answer, nothing recorded twice.
    expect((await send(paid, { externalId: 'ext-77' })).status).toBe(200);
    // The same transfer under a new request id of the bank's: already paid.
    expect((await send(paid)).body.responseCode).toBe('4042514');
    expect(Number(await h.lastPosition())).toBe(before + 1);
    const settled = await until('the payment on the dossier', async () => {
      const d = (await h.as('kasir', 'GET', `/api/dossiers/${id}`)).body.fee as {
        outstanding: number;
        payments?: { reference: string; channel: string }[];
      };
      return d.outstanding === 0 ? d : undefined;
    });
    expect(settled.payments).toEqual([expect.objectContaining({ reference: 'BJB-TRX-77', channel: 'bank' })]);

    // The day's reconciliation: the notified transfer matched; the refused notifications listed; a bank transfer keyed in
    // at the desk without a notification listed too.
    const { id: other } = await registerDossier(h);
    await h.act('verifikator', other, 'complete', { outcome: 'forward' });
    await h.act('tpa', other, 'recommendation', { positive: true, note: 'ok' });
    await h.act('pupr', other, 'recommendation', { positive: true, note: 'ok' });
    await h.act('kasir', other, 'fee', {});
    await until(
      'the second SKRD',
      async () => ((await h.as('kasir', 'GET', `/api/dossiers/${other}`)).body.fee as object | null) ?? undefined,
    );
    await h.as('kasir', 'POST', `/api/dossiers/${other}/payments`, { reference: 'MANUAL-1', amount: 1000, channel: 'bank' });
    const report = await until('the reconciliation', async () => {
      const r = (await h.as('supervisor', 'GET', '/api/payments/reconciliation')).body as {
        matched: { reference: string; amount: number }[];
        notifiedNotRecorded: { responseCode: string }[];
        recordedNotNotified: { reference: string }[];
      };
      return r.recordedNotNotified?.length ? r : undefined;
    });
    expect(report.matched).toEqual([expect.objectContaining({ reference: 'BJB-TRX-77', amount: fee.total })]);
    expect(report.notifiedNotRecorded.map((n) => n.responseCode).sort()).toEqual(['4042512', '4042513', '4042514']);
    expect(report.recordedNotNotified).toEqual([expect.objectContaining({ reference: 'MANUAL-1', channel: 'bank', amount: 1000 })]);
    expect((await h.as('kasir', 'GET', '/api/payments/reconciliation')).status).toBe(403);
  });
});
