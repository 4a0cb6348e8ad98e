import { loadMppProfile } from '#berkas/platform';
import { renderNotice } from './templates.js';

const mpp = loadMppProfile('data/mpp-profile.json');
const render = (params: Record<string, unknown>, language = 'id') =>
  renderNotice('fee-due', params, { language, registrationNumber: 'REKLAME-2026-000001', mpp, trackingUrl: 'https://mpp.example/' });

describe('the fee notice', () => {
  const service = { id: 'Izin Reklame', en: 'Billboard permit' };

  it('names a tax as a tax, billed with an SKPD, and says by when to pay', () => {
    const tax = render({ service, skrdNumber: 'SKPD/2026/000001', amount: 1_700_000, document: 'SKPD', payBy: '2026-12-07T16:59:59.999Z' });
    expect(tax.subject).toBe('Pajak perlu dibayar (REKLAME-2026-000001)');
    expect(tax.text).toMatch(
      /^Pajak berkas REKLAME-2026-000001: Rp 1\.700\.000, SKPD SKPD\/2026\/000001\. Bayar paling lambat 7 Desember 2026\./,
    );
    const english = render(
      { service, skrdNumber: 'SKPD/2026/000001', amount: 1_700_000, document: 'SKPD', payBy: '2026-12-07T16:59:59.999Z' },
      'en',
    );
    expect(english.text).toMatch(/^Tax for dossier REKLAME-2026-000001: Rp 1,700,000, SKPD SKPD\/2026\/000001\. Pay by 7 December 2026\./);
  });

  it('names a levy as a retribusi billed with an SKRD, also for a notice queued before bills named their kind', () => {
    const levy = render({ service, skrdNumber: 'SKRD/2026/000002', amount: 234_000 });
    expect(levy.subject).toBe('Retribusi perlu dibayar (REKLAME-2026-000001)');
    expect(levy.text).toMatch(/^Retribusi berkas REKLAME-2026-000001: Rp 234\.000, SKRD SKRD\/2026\/000002\. Cara membayar:/);
  });
});
