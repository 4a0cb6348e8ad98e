import { officers, pbg, refusal, reklame } from '#berkas/domain/testing';

describe('fiktif positif', () => {
  const system = { officerId: 'system-sla', role: 'system' as const, desks: [] };

  it('deems a lapsed Izin Reklame approved, skips review and decision, but still requires the fee', () => {
    const s = reklame();
    s.register();
    s.act(officers.backOffice, { type: 'CompleteStep', data: { outcome: 'forward' } });
    expect(refusal(() => s.when(system, { type: 'RecordDeemedApproval', data: {} }, '2026-03-05T02:00:00.000Z'))).toBe('SLA.NOT_LAPSED');
    // 7 working days after Monday 2 March: due at the end of Wednesday 11 March.
    const events = s.when(system, { type: 'RecordDeemedApproval', data: {} }, '2026-03-12T02:00:00.000Z');
    expect(s.types(events)).toEqual(['DossierDeemedApproved', 'StepCompleted', 'StepStarted']);
    expect(s.currentStep.kind).toBe('fee');
    s.act(officers.cashier, { type: 'AssessFee', data: {}, number: 'SKRD/R/9' });
    s.when(officers.cashier, { type: 'RecordPayment', data: { reference: 'K-9', amount: 1_100_000, channel: 'cashier' } });
    s.when(officers.cashier, { type: 'CompleteStep', data: { outcome: 'forward' } });
    expect(s.currentStep.kind).toBe('signing');
    expect(refusal(() => s.when(system, { type: 'RecordDeemedApproval', data: {} }, '2026-03-20T02:00:00.000Z'))).toBe(
      'DOSSIER.NOT_ACTIVE',
    );
  });

  it('does not apply to services that are not fiktif positif, nor to officers', () => {
    const s = pbg();
    s.register();
    expect(refusal(() => s.when(system, { type: 'RecordDeemedApproval', data: {} }, '2026-12-01T02:00:00.000Z'))).toBe(
      'SLA.NOT_FIKTIF_POSITIF',
    );
    const r = reklame();
    r.register();
    expect(refusal(() => r.when(officers.backOffice, { type: 'RecordDeemedApproval', data: {} }, '2026-12-01T02:00:00.000Z'))).toBe(
      'AUTH.ROLE',
    );
  });
});
