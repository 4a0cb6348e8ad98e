import { officers, pbg, pbgThroughReview, refusal } from '#berkas/domain/testing';
import type { Actor } from './dossier-commands.js';
import { paymentClaim, paymentOfClaim } from './fee.js';

describe('money rules', () => {
  const fee = (events: { type: string; data: unknown }[]) =>
    events[0].type === 'FeeAssessed' ? (events[0].data as { total: number; lines: { code: string; amount: number }[] }) : undefined;

  it("refuses fee inputs outside the definition's ranges and inputs it does not know, at the counter and at the fee desk", () => {
    expect(refusal(() => pbg().register({ inputs: { 'luas-lantai': 1e-7 } }))).toBe('FEE.INPUT_OUT_OF_RANGE');
    expect(refusal(() => pbg().register({ inputs: { 'luas-lantai': 250_000 } }))).toBe('FEE.INPUT_OUT_OF_RANGE');
    // The old flat index is not a term of today's rule: It comes from the building's particulars.
    expect(refusal(() => pbg().register({ inputs: { 'luas-lantai': 120, 'indeks-terintegrasi': 0.0125 } }))).toBe('FEE.UNKNOWN_INPUT');
    const s = pbg();
    pbgThroughReview(s);
    const assess = (inputs: Record<string, number>) => () =>
      s.when(officers.cashier, { type: 'AssessFee', data: { inputs }, number: 'SKRD/2026/003' });
    expect(refusal(assess({ 'luas-lantai': 1e-7 }))).toBe('FEE.INPUT_OUT_OF_RANGE');
    expect(refusal(assess({ tarif: 5 }))).toBe('FEE.UNKNOWN_INPUT');
    expect(s.state.fee).toBeUndefined();
    // A correction within range is taken.
    expect(fee(assess({ 'luas-lantai': 150 })())?.total).toBe(150 * 1_950);
  });

  it('raises a bill below the minimum to the minimum, with a line that says so', () => {
    const s = pbg();
    s.register({ inputs: { 'luas-lantai': 10 } });
    s.act(officers.backOffice, { type: 'CompleteStep', data: { outcome: 'forward' } });
    s.act(officers.tpa, { type: 'RecordRecommendation', data: { positive: true, note: 'ok' } });
    s.act(officers.pupr, { type: 'RecordRecommendation', data: { positive: true, note: 'ok' } });
    const bill = fee(s.act(officers.cashier, { type: 'AssessFee', data: {}, number: 'SKRD/2026/004' }));
    expect(bill?.total).toBe(100_000);
    expect(bill?.lines.map((l) => l.code)).toEqual(['retribusi', 'minimum']);
  });

  it('never completes the fee step on an unpaid bill, whatever its amount', () => {
    const s = pbg();
    pbgThroughReview(s);
    // A Rp 0 bill as an older version could have produced it: still not paid.
    s.given([{ type: 'FeeAssessed', data: { stepId: 'retribusi', desk: 'retribusi', skrdNumber: 'S0', lines: [], total: 0, inputs: {} } }]);
    s.when(officers.cashier, { type: 'ClaimDossier', data: {} });
    expect(refusal(() => s.when(officers.cashier, { type: 'CompleteStep', data: { outcome: 'forward' } }))).toBe('FEE.NOT_PAID');
  });

  it('waives the fee only on a ground the service lists, and records the reason', () => {
    const s = pbg();
    pbgThroughReview(s);
    s.when(officers.cashier, { type: 'ClaimDossier', data: {} });
    const exempt = (code: string) => () =>
      s.when(officers.cashier, {
        type: 'AssessFee',
        data: { exemption: { code, reason: 'Masjid Al-Ikhlas' } },
        number: 'SKRD/2026/005',
      });
    expect(refusal(exempt('teman-kadis'))).toBe('FEE.EXEMPTION_NOT_ALLOWED');
    const [assessed] = exempt('bangunan-sosial')();
    expect(assessed).toMatchObject({
      type: 'FeeAssessed',
      data: { total: 0, exemption: { code: 'bangunan-sosial', reason: 'Masjid Al-Ikhlas' } },
    });
    expect(s.types(s.when(officers.cashier, { type: 'CompleteStep', data: { outcome: 'forward' } }))).toContain('StepStarted');
    expect(s.currentStep.kind).toBe('decision');
  });

  it('corrects an SKRD issued wrong by cancelling it with a reason, and issues the replacement from the corrected inputs', () => {
    const s = pbg();
    pbgThroughReview(s);
    const wrong = fee(s.act(officers.cashier, { type: 'AssessFee', data: {}, number: 'SKRD/2026/010' }));
    expect(wrong?.total).toBe(120 * 1_950);
    // Nobody but the fee desk cancels a bill, and never without one.
    expect(refusal(() => s.when(officers.kabid, { type: 'CancelFeeAssessment', data: { reason: 'x' } }))).toBe('DOSSIER.NOT_AT_DESK');
    const cancelled = s.when(officers.cashier, { type: 'CancelFeeAssessment', data: { reason: 'Luas lantai salah ketik: 102 m²' } });
    expect(cancelled).toEqual([
      {
        type: 'FeeAssessmentCancelled',
        data: {
          stepId: 'retribusi',
          desk: 'retribusi',
          skrdNumber: 'SKRD/2026/010',
          total: wrong?.total,
          reason: 'Luas lantai salah ketik: 102 m²',
        },
      },
    ]);
    expect(s.state.fee).toBeUndefined();
    // Nothing to pay, and nothing to issue, until the replacement is out.
    expect(refusal(() => s.when(officers.cashier, { type: 'RecordPayment', data: { reference: 'R1', amount: 1, channel: 'bank' } }))).toBe(
      'FEE.NOT_ASSESSED',
    );
    expect(refusal(() => s.when(officers.cashier, { type: 'CancelFeeAssessment', data: { reason: 'again' } }))).toBe('FEE.NOT_ASSESSED');
    const replacement = fee(
      s.when(officers.cashier, { type: 'AssessFee', data: { inputs: { 'luas-lantai': 102 } }, number: 'SKRD/2026/011' }),
    );
    expect(replacement?.total).toBe(102 * 1_950);
    // The old bill stays in the history, between the two assessments.
    expect(s.types(s.history).filter((t) => t.startsWith('Fee'))).toEqual(['FeeAssessed', 'FeeAssessmentCancelled', 'FeeAssessed']);
  });

  it('refuses to cancel an SKRD that has money paid on it', () => {
    const s = pbg();
    pbgThroughReview(s);
    s.act(officers.cashier, { type: 'AssessFee', data: {}, number: 'SKRD/2026/012' });
    s.when(officers.cashier, { type: 'RecordPayment', data: { reference: 'R9', amount: 1000, channel: 'cashier' } });
    expect(refusal(() => s.when(officers.cashier, { type: 'CancelFeeAssessment', data: { reason: 'salah' } }))).toBe(
      'FEE.PAYMENT_RECORDED',
    );
    expect(s.state.fee?.skrdNumber).toBe('SKRD/2026/012');
  });

  it('treats payment references without case and spaces: R1 and r 1 are one transfer', () => {
    const s = pbg();
    pbgThroughReview(s);
    s.act(officers.cashier, { type: 'AssessFee', data: {}, number: 'SKRD/2026/006' });
    s.when(officers.cashier, { type: 'RecordPayment', data: { reference: 'R1', amount: 100, channel: 'bank' } });
    for (const again of ['r1', ' R 1 ', 'r\t1'])
      expect(
        refusal(() => s.when(officers.cashier, { type: 'RecordPayment', data: { reference: again, amount: 100, channel: 'bank' } })),
      ).toBe('FEE.DUPLICATE_PAYMENT');
    expect(s.state.fee?.paid).toBe(100);
  });

  it('lets only a supervisor correct a payment keyed in wrong, with a reason, while the dossier is at the fee desk', () => {
    const s = pbg();
    pbgThroughReview(s);
    s.act(officers.cashier, { type: 'AssessFee', data: {}, number: 'SKRD/2026/020' });
    const total = s.state.fee!.total;
    // The cashier typed the whole bill for a transfer of Rp 100,000.
    s.when(officers.cashier, { type: 'RecordPayment', data: { reference: 'BPD-77', amount: total, channel: 'bank' } });
    const correction = (amount: number, who: Actor = officers.supervisor, reference = 'bpd- 77') =>
      s.when(who, { type: 'CorrectPayment', data: { reference, channel: 'bank', amount, reason: 'Bukti transfer Rp 100.000' } });
    expect(refusal(() => correction(100_000, officers.cashier))).toBe('AUTH.ROLE');
    expect(refusal(() => correction(total))).toBe('FEE.CORRECTION_UNCHANGED');
    expect(refusal(() => correction(total + 1))).toBe('FEE.OVERPAYMENT');
    expect(refusal(() => correction(100_000, officers.supervisor, 'BPD-78'))).toBe('FEE.PAYMENT_NOT_FOUND');
    expect(correction(100_000)).toEqual([
      {
        type: 'PaymentCorrected',
        data: {
          reference: 'BPD-77',
          channel: 'bank',
          previousAmount: total,
          amount: 100_000,
          reason: 'Bukti transfer Rp 100.000',
          paidTotal: 100_000,
          outstanding: total - 100_000,
        },
      },
    ]);
    // The bill is open again: the fee desk cannot forward it, and takes the rest as another payment.
    expect(refusal(() => s.when(officers.cashier, { type: 'CompleteStep', data: { outcome: 'forward' } }))).toBe('FEE.NOT_PAID');
    s.when(officers.cashier, { type: 'RecordPayment', data: { reference: 'BPD-79', amount: total - 100_000, channel: 'bank' } });
    s.when(officers.cashier, { type: 'CompleteStep', data: { outcome: 'forward' } });
    // Gone on as paid: a wrong payment is now a refund or a new bill, never a rewrite.
    expect(refusal(() => correction(0))).toBe('FEE.PAYMENT_SETTLED');
    expect(s.types(s.history).filter((t) => t.startsWith('Payment'))).toEqual(['PaymentRecorded', 'PaymentCorrected', 'PaymentRecorded']);
  });

  it('keys a payment reference per channel as banks read it, and reads the key back', () => {
    const key = paymentClaim('bank', ' bpd- 77 ');
    expect(key).toBe('payment/bank/BPD-77');
    expect(paymentOfClaim(key)).toEqual({ channel: 'bank', reference: 'BPD-77' });
    expect(paymentOfClaim('number/PBG-2026')).toBeUndefined();
  });
});
