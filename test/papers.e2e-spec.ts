import { describeEngines } from '#berkas/testing';
import { e2eEngines, Harness, harnessPerSuite, registerDossier, until } from './support/http-harness.js';
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
    // The standard request's Rp 2.250.000, in words as the bill writes it.
    expect(fee.total).toBe(2_250_000);
    expect(flat).toContain('Terbilang: dua juta dua ratus lima puluh ribu rupiah');
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
});
