import { catalogue, DossierScenario, officers, PBG_PARTICULARS, pbg, reklame, refusal, sip, tariffs } from '#berkas/domain/testing';
import { Tariffs } from '../catalogue/tariffs.js';
import type { DossierEvent } from './dossier-events.js';
import { computeFeeLines } from './fee.js';

const registered = (events: DossierEvent[]) => (events[0].type === 'DossierRegistered' ? events[0].data : undefined);

describe('particulars: what the counter takes down about the object of the permit', () => {
  it('refuses a missing, unknown, out-of-range or unlisted particular with the field, and keeps texts trimmed', () => {
    const { fungsi: _f, ...withoutFunction } = PBG_PARTICULARS;
    expect(refusal(() => pbg().register({ particulars: withoutFunction }))).toBe('REGISTRATION.MISSING_PARTICULAR');
    expect(refusal(() => pbg().register({ particulars: { ...PBG_PARTICULARS, warna: 'merah' } }))).toBe('REGISTRATION.UNKNOWN_PARTICULAR');
    expect(refusal(() => pbg().register({ particulars: { ...PBG_PARTICULARS, 'jumlah-lantai': 0 } }))).toBe(
      'REGISTRATION.INVALID_PARTICULAR',
    );
    expect(refusal(() => pbg().register({ particulars: { ...PBG_PARTICULARS, 'jumlah-lantai': 2.5 } }))).toBe(
      'REGISTRATION.INVALID_PARTICULAR',
    );
    expect(refusal(() => pbg().register({ particulars: { ...PBG_PARTICULARS, fungsi: 'gudang' } }))).toBe(
      'REGISTRATION.INVALID_PARTICULAR',
    );
    const s = pbg();
    const data = registered(s.register({ particulars: { ...PBG_PARTICULARS, 'alamat-bangunan': '  Jl. Braga No. 1  ' } }));
    expect(data?.particulars?.['alamat-bangunan']).toBe('Jl. Braga No. 1');
    expect(s.state.particulars).toMatchObject({ fungsi: 'hunian', kepemilikan: 'perorangan' });
  });
});

describe('PBG retribusi by its real terms (LLt x It x Ilo x SHST)', () => {
  const rule = catalogue().latest('pbg')!.fee;
  const tariff2026 = tariffs().forYear(2026);
  const bill = (particulars: Record<string, string | number>, area = 120) =>
    computeFeeLines(rule, { 'luas-lantai': area }, { particulars: { ...PBG_PARTICULARS, ...particulars }, tariff: tariff2026 });

  it('derives It from function, complexity, permanence, height and ownership, and prints the terms it used', () => {
    // Hunian: 0.15 x (0.3 x 0.4 + 0.2 x 1 + 0.5 x 0.4) x 1 = 0.078; 120 x 0.078 x 0.005 x 5,000,000.
    expect(bill({})).toEqual([
      {
        code: 'retribusi',
        label: rule.kind === 'pbg' ? rule.line : undefined,
        amount: 234_000,
        detail: 'LLt 120 m² × It 0,078 × Ilo 0,005 × SHST Rp 5.000.000',
      },
    ]);
    // A shop of ten floors, not simple: 0.7 x (0.3 x 0.7 + 0.2 x 1 + 0.5 x 1) = 0.637.
    expect(bill({ fungsi: 'usaha', kompleksitas: 'tidak-sederhana', 'jumlah-lantai': 10 }, 1_000)[0].amount).toBe(
      1_000 * 0.637 * 0.005 * 5_000_000,
    );
    // A state building pays nothing but the minimum line; a religious one likewise (If = 0).
    expect(bill({ kepemilikan: 'negara' }).map((l) => [l.code, l.amount])).toEqual([
      ['retribusi', 0],
      ['minimum', 100_000],
    ]);
  });

  it('reads SHST and Ilo from the tariff of the year the bill is made, and refuses a year without one', () => {
    const tariff2025 = tariffs().forYear(2025);
    const older = computeFeeLines(rule, { 'luas-lantai': 120 }, { particulars: PBG_PARTICULARS, tariff: tariff2025 });
    expect(older[0].amount).toBe(Math.round(120 * 0.078 * 0.005 * 4_750_000));
    expect(refusal(() => computeFeeLines(rule, { 'luas-lantai': 120 }, { particulars: PBG_PARTICULARS }))).toBe('FEE.NO_TARIFF');
    // At the fee desk of a year with no tariff file, the SKRD is refused rather than guessed; the counter still registers.
    const s = new DossierScenario(catalogue().latest('pbg')!, undefined, '2026-03-02T02:00:00.000Z', new Tariffs([]));
    expect(s.types(s.register())).toEqual(['DossierRegistered', 'StepStarted']);
    s.act(officers.backOffice, { type: 'CompleteStep', data: { outcome: 'forward' } });
    s.act(officers.tpa, { type: 'RecordRecommendation', data: { positive: true, note: 'ok' } });
    s.act(officers.pupr, { type: 'RecordRecommendation', data: { positive: true, note: 'ok' } });
    expect(refusal(() => s.act(officers.cashier, { type: 'AssessFee', data: {}, number: 'SKRD/1' }))).toBe('FEE.NO_TARIFF');
  });

  it('refuses a tariff file that sets Ilo above 0.5% or a tax rate above 25%', () => {
    const text = (over: object) => JSON.stringify({ year: 2030, region: 'X', ...over });
    expect(() =>
      Tariffs.parse([
        {
          path: '2030.json',
          text: text({ pbg: { ilo: 0.05, shst: 1, basis: [{ kind: 'Perda', number: '1', year: 2024, title: 'Pajak Daerah' }] } }),
        },
      ]),
    ).toThrow(/pbg\.ilo/);
    expect(() =>
      Tariffs.parse([
        {
          path: '2030.json',
          text: text({
            pbg: undefined,
            taxes: {
              reklame: {
                label: { id: 'a', en: 'a' },
                rate: 0.5,
                rentalValues: {},
                basis: [{ kind: 'Perda', number: '1', year: 2024, title: 'Pajak Daerah' }],
              },
            },
          }),
        },
      ]),
    ).toThrow(/rate/);
  });
});

describe('variants: new, renewal, amendment', () => {
  const previous = {
    permitNumber: 'SIP-DOKTER/2021/000001',
    registrationNumber: 'SIP-DOKTER-2021-000001',
    issuedAt: '2021-04-01T03:00:00.000Z',
    validUntil: '2026-04-01T03:00:00.000Z',
    serviceCode: 'sip-dokter',
    holderNik: '3273011508800001',
    revoked: false,
  };

  it('renews from the previous permit of the same holder and service, and does not ask again for what the renewal waives', () => {
    const s = sip();
    const requirements = ['ktp', 'str'];
    expect(refusal(() => sip().register({ variant: 'perpanjangan', requirements }))).toBe('REGISTRATION.PREVIOUS_PERMIT_REQUIRED');
    expect(refusal(() => sip().register({ variant: 'perubahan', previousPermit: previous }))).toBe('REGISTRATION.UNKNOWN_VARIANT');
    expect(refusal(() => sip().register({ previousPermit: previous }))).toBe('REGISTRATION.PREVIOUS_PERMIT_NOT_EXPECTED');
    for (const wrong of [{ serviceCode: 'pbg' }, { holderNik: '3273015203850002' }, { revoked: true }])
      expect(refusal(() => sip().register({ variant: 'perpanjangan', requirements, previousPermit: { ...previous, ...wrong } }))).toBe(
        'REGISTRATION.PREVIOUS_PERMIT_INVALID',
      );
    // A new application still needs the place-of-practice letter; a renewal does not.
    expect(refusal(() => sip().register({ requirements }))).toBe('REGISTRATION.INCOMPLETE');
    const data = registered(s.register({ variant: 'perpanjangan', requirements, previousPermit: previous }));
    expect(data?.variant).toBe('perpanjangan');
    expect(data?.previousPermit).toEqual({
      permitNumber: 'SIP-DOKTER/2021/000001',
      registrationNumber: 'SIP-DOKTER-2021-000001',
      issuedAt: '2021-04-01T03:00:00.000Z',
      validUntil: '2026-04-01T03:00:00.000Z',
    });
    expect(s.state.previousPermit?.permitNumber).toBe('SIP-DOKTER/2021/000001');
  });

  it('assesses a billboard as a tax on its rental value, by location class, with the bond apart', () => {
    const s = reklame();
    s.register({ particulars: { 'lokasi-reklame': 'Jl. Dago', 'kelas-lokasi': 'kelas-c', 'jenis-reklame': 'neon-box' } });
    const rule = s.definition.fee;
    const lines = computeFeeLines(rule, s.state.inputs, { particulars: s.state.particulars, tariff: tariffs().forYear(2026) });
    // 8 m2 x 1 face x 12 months x Rp 10,000 (class C) = Rp 960,000; 25% = Rp 240,000.
    expect(lines.map((l) => [l.code, l.amount, Boolean(l.refundable)])).toEqual([
      ['pajak', 240_000, false],
      ['jaminan-bongkar', 500_000, true],
    ]);
    expect(lines[0].detail).toBe('8 m2 × 1 muka × 12 bulan × Rp 10.000 = NSR Rp 960.000; 25% × NSR');
  });
});
