import { describeEngines } from '#berkas/testing';
import { e2eEngines, Harness, harnessPerSuite, registerDossier, REKLAME_REQUEST, until } from './support/http-harness.js';
import { pdfText } from './support/pdf.js';

const engines = await e2eEngines();

describeEngines(engines)('the SKRD and the payment receipt as papers on %s', (_engine, factory) => {
  let h!: Harness;
  harnessPerSuite(factory, (started) => (h = started));

  const paper = async (id: string, file: string) => {
    const res = await fetch(`${h.url}/api/dossiers/${id}/documents/${file}`, {
      headers: { authorization: `Bearer ${await h.login('kasir')}` },
    });
    return {
      status: res.status,
      name: res.headers.get('content-disposition'),
      text: res.status === 200 ? await pdfText(Buffer.from(await res.arrayBuffer())) : '',
    };
  };

  it('hands the applicant an SKRD with the total in words, the pay-by date and the payment code, then a receipt of what was paid', async () => {
    // Issue 20: the MPP profile told applicants to scan what is printed on the SKRD, and there was no SKRD to hand them.
    const { id, reg } = await registerDossier(h);
    await h.act('verifikator', id, 'complete', { outcome: 'forward' });
    await h.act('tpa', id, 'recommendation', { positive: true, note: 'ok' });
    await h.act('pupr', id, 'recommendation', { positive: true, note: 'ok' });
    expect((await paper(id, 'skrd.pdf')).status).toBe(404);
    await h.act('kasir', id, 'fee', {});
    const fee = await until(
      'the SKRD',
      async () =>
        ((await h.as('kasir', 'GET', `/api/dossiers/${id}`)).body.fee as { skrdNumber: string; total: number } | null) ?? undefined,
    );
    const skrd = await until('the SKRD paper', async () => {
      const p = await paper(id, 'skrd.pdf');
      return p.status === 200 ? p : undefined;
    });
    expect(skrd.name).toBe(`inline; filename="${reg}-skrd.pdf"`);
    const flat = skrd.text.replace(/\s+/g, ' ');
    expect(flat).toContain('SURAT KETETAPAN RETRIBUSI DAERAH (SKRD)');
    expect(flat).toContain(`Nomor SKRD: ${fee.skrdNumber}`);
    expect(flat).toContain(`Jumlah ketetapan Rp ${fee.total.toLocaleString('id-ID')}`);
    // The standard request's house (120 m2, residential, two floors) by PP 16/2021's terms, in words as the bill writes it.
    expect(fee.total).toBe(234_000);
    expect(flat).toContain('Terbilang: dua ratus tiga puluh empat ribu rupiah');
    // The terms are printed under the line, and the tariff's regulations cited, so the applicant can check the figure.
    expect(flat).toContain('LLt 120 m² × It 0,078 × Ilo 0,005 × SHST Rp 5.000.000');
    expect(flat).toMatch(/Dasar tarif: Perda 1\/2024 tentang Pajak Daerah dan Retribusi Daerah/);
    expect(flat).toMatch(/Bayar paling lambat \d{1,2} \w+ 20\d\d\./);
    expect(flat).toContain(`Kode bayar: 7001${fee.skrdNumber.replace(/\D/g, '')}`);
    expect(flat).toContain('QRIS di loket kasir');
    // Nothing paid yet: no payment receipt.
    expect((await paper(id, 'bukti-bayar.pdf')).status).toBe(404);

    await h.as('kasir', 'POST', `/api/dossiers/${id}/payments`, { reference: `PAP-${id.slice(0, 6)}`, amount: fee.total, channel: 'qris' });
    const receipt = await until('the payment receipt', async () => {
      const p = await paper(id, 'bukti-bayar.pdf');
      return p.status === 200 ? p : undefined;
    });
    const paid = receipt.text.replace(/\s+/g, ' ');
    expect(receipt.name).toBe(`inline; filename="${reg}-bukti-bayar.pdf"`);
    expect(paid).toContain('BUKTI PEMBAYARAN RETRIBUSI');
    expect(paid).toContain(`QRIS · PAP-${id.slice(0, 6).toUpperCase()}`);
    expect(paid).toContain('Retribusi telah LUNAS');
    // Paid in full: the SKRD no longer asks for payment.
    expect((await paper(id, 'skrd.pdf')).text).not.toContain('Bayar paling lambat');
  });

  it('assesses a billboard as a regional tax (SKPD) from its rental value, with the removal bond apart as a refundable deposit', async () => {
    // Issue 20: pajak reklame was a fixed SKRD levy and the bond a fee line.
    const { id } = await registerDossier(h, REKLAME_REQUEST);
    await h.act('verifikator', id, 'complete', { outcome: 'forward' });
    await h.act('reklame', id, 'complete', { outcome: 'forward', note: 'Lokasi sesuai' });
    await h.act('kasir', id, 'fee', {});
    const skpd = await until('the SKPD paper', async () => {
      const p = await paper(id, 'skrd.pdf');
      return p.status === 200 ? p : undefined;
    });
    const flat = skpd.text.replace(/\s+/g, ' ');
    expect(flat).toContain('SURAT KETETAPAN PAJAK DAERAH (SKPD)');
    // Numbered as an SKPD, from the one register levies and taxes share (so the payment code stays unique).
    expect(flat).toMatch(/Nomor SKPD: SKPD\/\d{4}\/\d{6}/);
    expect(flat).toContain('Wajib pajak PT Cahaya Iklan');
    // 8 m2 x 1 face x 12 months x Rp 25.000 (class A) = NSR Rp 2.400.000; 25% of it.
    expect(flat).toContain('Pajak reklame Rp 600.000');
    expect(flat).toContain('NSR Rp 2.400.000; 25% × NSR');
    expect(flat).toContain('Uang jaminan (dikembalikan, bukan pajak/retribusi)');
    expect(flat).toContain('Rp 500.000');
    expect(flat).toContain('Jumlah yang harus dibayar Rp 1.100.000');
    expect(flat).not.toContain('RETRIBUSI DAERAH (SKRD)');

    // Paid, issued; the bond is held until then, and paid back by a supervisor's record of the transfer, once.
    await h.as('kasir', 'POST', `/api/dossiers/${id}/payments`, {
      reference: `SKPD-${id.slice(0, 6)}`,
      amount: 1_100_000,
      channel: 'bank',
    });
    const refund = () =>
      h.as('supervisor', 'POST', `/api/dossiers/${id}/deposit-refund`, {
        reference: 'TRF-KASDA-0091',
        reason: 'Reklame telah dibongkar pemiliknya',
      });
    expect((await refund()).body.code).toBe('FEE.DEPOSIT_HELD');
    expect(
      (await h.as('kasir', 'POST', `/api/dossiers/${id}/deposit-refund`, { reference: 'X-1', reason: 'Bukan wewenang kasir' })).status,
    ).toBe(403);
    await h.act('kasir', id, 'complete', { outcome: 'forward' });
    await h.act('kabid', id, 'approve', {});
    await h.act('kadis', id, 'sign', {});
    await h.act('tu', id, 'issue', {});
    expect((await refund()).status).toBe(200);
    expect((await refund()).body.code).toBe('FEE.DEPOSIT_REFUNDED');
    const receipt = await until('the refund on the payment receipt', async () => {
      const p = await paper(id, 'bukti-bayar.pdf');
      return p.text.includes('Uang jaminan dikembalikan') ? p.text.replace(/\s+/g, ' ') : undefined;
    });
    expect(receipt).toMatch(/Uang jaminan dikembalikan · .* · TRF-KASDA-0091 Rp 500\.000/);
    expect(receipt).toContain('BUKTI PEMBAYARAN PAJAK');
  });
});
