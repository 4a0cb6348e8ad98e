import { officers, pbg, pbgThroughReview, refusal, reklame, sip } from '#berkas/domain/testing';
import { DomainError } from '../shared/domain-error.js';
import type { Actor } from './dossier-commands.js';

describe('registration at the front desk', () => {
  it('refuses an incomplete dossier with the list of missing items', () => {
    const s = pbg();
    try {
      s.register({ requirements: ['ktp', 'bukti-tanah'] });
      throw new Error('should refuse');
    } catch (e) {
      expect((e as DomainError).code).toBe('REGISTRATION.INCOMPLETE');
      const missing = (e as DomainError).details!.missing as { code: string }[];
      expect(missing.map((m) => m.code).sort()).toEqual(['gambar-arsitektur', 'gambar-mep', 'gambar-struktur']);
    }
    expect(s.state.status).toBe('none');
  });

  it('registers a complete dossier, starts the clock and puts it at the first desk', () => {
    const s = pbg();
    const events = s.register();
    expect(s.types(events)).toEqual(['DossierRegistered', 'StepStarted']);
    expect(s.state.status).toBe('in-process');
    expect(s.currentStep.desk).toBe('back-office');
    const reg = events[0].type === 'DossierRegistered' ? events[0].data : undefined;
    expect(reg?.service).toEqual({ code: 'pbg', version: 3 });
    expect(reg?.particulars).toMatchObject({ fungsi: 'hunian', 'jumlah-lantai': 2 });
    expect(reg?.variant).toBe('baru');
    expect(reg?.due.provisional).toBe(false);
  });

  it('refuses an unknown requirement and a PBG without floor area for its fee', () => {
    expect(refusal(() => pbg().register({ requirements: ['ktp', 'bogus'] }))).toBe('REGISTRATION.UNKNOWN_REQUIREMENT');
    expect(refusal(() => pbg().register({ inputs: {} }))).toBe('REGISTRATION.MISSING_INPUT');
  });

  it("asks a business service for the applicant's NIB, and notices for somewhere to send them", () => {
    const person = { name: 'PT Cahaya Iklan', nik: '3273010101750004' };
    expect(refusal(() => reklame().register({ applicant: person }))).toBe('REGISTRATION.NIB_REQUIRED');
    expect(reklame().register({ applicant: { ...person, nib: '9120001234567' } })[0].type).toBe('DossierRegistered');
    expect(refusal(() => pbg().register({ applicant: { name: 'Budi Santoso', nik: '3273011508800001', notices: true } }))).toBe(
      'REGISTRATION.NO_CONTACT',
    );
    const [registered] = pbg().register({
      applicant: { name: 'Budi Santoso', nik: '3273011508800001', email: 'budi@example.id', language: 'en', notices: true },
    });
    expect(registered.type === 'DossierRegistered' && registered.data.applicant).toMatchObject({ email: 'budi@example.id', notices: true });
  });

  it('only a front-desk officer registers', () => {
    // A complete dossier, so the only thing wrong is who registers it.
    const s = pbg();
    const requirements = s.definition.requirements.map((r) => r.code);
    expect(
      refusal(() =>
        s.when(officers.backOffice, {
          type: 'RegisterDossier',
          data: {
            dossierId: 'x',
            applicant: { name: 'A', nik: '1' },
            requirements,
            inputs: { 'luas-lantai': 1 },
          },
        }),
      ),
    ).toBe('AUTH.ROLE');
    expect(s.state.status).toBe('none');
  });
});

describe('an application handed in online', () => {
  const online = (s: ReturnType<typeof pbg>, actor: Actor, draft?: string) =>
    s.when(actor, {
      type: 'RegisterDossier',
      data: {
        dossierId: 'd-online',
        applicant: { name: 'Siti Rahmawati', nik: '3273014512900002', phone: '081234567890' },
        requirements: s.definition.requirements.filter((r) => r.mandatory).map((r) => r.code),
        inputs: { 'luas-lantai': 120 },
        particulars: {
          'alamat-bangunan': 'Jl. Dago 1',
          fungsi: 'hunian',
          kompleksitas: 'sederhana',
          permanensi: 'permanen',
          'jumlah-lantai': 2,
          kepemilikan: 'perorangan',
        },
        ...(draft ? { draft } : {}),
      },
    });

  it("is registered by the verifier of the service's first desk, and the event names the draft", () => {
    const s = pbg();
    const [registered] = online(s, officers.backOffice, 'DAFTAR-2026-K7Q3MX');
    expect(registered.type === 'DossierRegistered' && registered.data.draft).toBe('DAFTAR-2026-K7Q3MX');
    expect(s.state.status).toBe('in-process');
  });

  it('is not registered by an officer of another desk, nor by a verifier without a draft', () => {
    expect(refusal(() => online(pbg(), officers.tpa, 'DAFTAR-2026-K7Q3MX'))).toBe('AUTH.ROLE');
    expect(refusal(() => online(pbg(), officers.backOffice))).toBe('AUTH.ROLE');
    expect(refusal(() => online(pbg(), officers.supervisor, 'DAFTAR-2026-K7Q3MX'))).toBe('AUTH.ROLE');
  });
});

describe('PBG happy path, desk to desk', () => {
  it('moves through verification, parallel review, fee, decision, signature, issuance and handover', () => {
    const s = pbg();
    pbgThroughReview(s);
    expect(s.currentStep.kind).toBe('fee');
    const assessed = s.act(officers.cashier, { type: 'AssessFee', data: {}, number: 'SKRD/2026/001' });
    const fee = assessed[0].type === 'FeeAssessed' ? assessed[0].data : undefined;
    // LLt 120 m2 x It 0.078 (hunian 0.15 x (0.3 x 0.4 + 0.2 x 1 + 0.5 x 0.4) x 1) x Ilo 0.5% x SHST Rp 5,000,000
    expect(fee?.total).toBe(234_000);
    expect(fee?.lines[0].detail).toBe('LLt 120 m² × It 0,078 × Ilo 0,005 × SHST Rp 5.000.000');
    expect(fee?.document).toBe('SKRD');
    expect(fee?.tariffBasis?.[1]).toMatch(/^Perkada 12\/2026 tentang Standar Harga Satuan Tertinggi/);
    s.when(officers.cashier, { type: 'RecordPayment', data: { reference: 'BANK-1', amount: 100_000, channel: 'bank' } });
    expect(refusal(() => s.when(officers.cashier, { type: 'CompleteStep', data: { outcome: 'forward' } }))).toBe('FEE.NOT_PAID');
    s.when(officers.cashier, { type: 'RecordPayment', data: { reference: 'BANK-2', amount: 134_000, channel: 'bank' } });
    s.when(officers.cashier, { type: 'CompleteStep', data: { outcome: 'forward' } });
    s.act(officers.kabid, { type: 'ApproveDossier', data: {} });
    s.act(officers.kadis, { type: 'SignPermit', data: {} });
    const issued = s.act(officers.records, { type: 'IssuePermit', data: { verificationCode: 'ABC123' }, number: 'PBG-001' });
    expect(s.types(issued)).toEqual(['PermitIssued', 'StepCompleted', 'StepStarted']);
    expect(s.state.status).toBe('issued');
    s.when(officers.frontDesk, { type: 'HandOverPermit', data: { receivedBy: 'Budi Santoso' } });
    expect(s.state.status).toBe('handed-over');
  });

  it('files a complaint once (a retried intake adds nothing) and lets only a supervisor answer it, once', () => {
    const s = pbg();
    s.register();
    const file = {
      type: 'FileComplaint' as const,
      data: { complaintNumber: 'ADU-1', category: 'delay' as const, text: 'Lama sekali', respondBy: '2026-03-09T09:59:59.999Z' },
    };
    expect(refusal(() => s.when(officers.backOffice, file))).toBe('AUTH.ROLE');
    expect(s.types(s.when(officers.system, file))).toEqual(['ComplaintFiled']);
    expect(s.when(officers.system, file)).toEqual([]);
    const answer = { type: 'AnswerComplaint' as const, data: { complaintNumber: 'ADU-1', answer: 'Berkas sudah di meja teknis' } };
    expect(refusal(() => s.when(officers.frontDesk, answer))).toBe('AUTH.ROLE');
    expect(refusal(() => s.when(officers.supervisor, { ...answer, data: { ...answer.data, complaintNumber: 'ADU-9' } }))).toBe(
      'COMPLAINT.NOT_FOUND',
    );
    expect(s.types(s.when(officers.supervisor, answer))).toEqual(['ComplaintAnswered']);
    expect(refusal(() => s.when(officers.supervisor, answer))).toBe('COMPLAINT.ALREADY_ANSWERED');
  });

  it('closes a complaint as the same as another of the dossier, never as its own duplicate nor of one it does not have', () => {
    const s = pbg();
    s.register();
    for (const n of ['ADU-1', 'ADU-2'])
      s.when(officers.system, {
        type: 'FileComplaint',
        data: { complaintNumber: n, category: 'delay', text: 'Lama sekali', respondBy: '2026-03-09T09:59:59.999Z' },
      });
    const close = (duplicateOf: string) => ({
      type: 'AnswerComplaint' as const,
      data: { complaintNumber: 'ADU-2', answer: 'Sama dengan pengaduan sebelumnya', duplicateOf },
    });
    expect(refusal(() => s.when(officers.supervisor, close('ADU-2')))).toBe('COMPLAINT.NOT_A_DUPLICATE');
    expect(refusal(() => s.when(officers.supervisor, close('ADU-7')))).toBe('COMPLAINT.NOT_A_DUPLICATE');
    const [closed] = s.when(officers.supervisor, close('ADU-1'));
    expect(closed).toMatchObject({ type: 'ComplaintAnswered', data: { complaintNumber: 'ADU-2', duplicateOf: 'ADU-1' } });
    expect(refusal(() => s.when(officers.supervisor, close('ADU-1')))).toBe('COMPLAINT.ALREADY_ANSWERED');
  });

  it('lets only a supervisor revoke an issued permit, once, with its number in the event; a revoked permit is not handed over', () => {
    const s = pbg();
    pbgThroughReview(s);
    const revoke = { type: 'RevokePermit' as const, data: { reason: 'Bangunan menyalahi gambar yang disetujui' } };
    expect(refusal(() => s.when(officers.supervisor, revoke))).toBe('PERMIT.NOT_ISSUED');
    s.act(officers.cashier, { type: 'AssessFee', data: {}, number: 'SKRD/2026/001' });
    s.when(officers.cashier, { type: 'RecordPayment', data: { reference: 'BANK-1', amount: 234_000, channel: 'bank' } });
    s.when(officers.cashier, { type: 'CompleteStep', data: { outcome: 'forward' } });
    // The permit's number is the approval's: the official signs a numbered permit (issue 20).
    s.act(officers.kabid, { type: 'ApproveDossier', data: { verificationCode: 'ABC123' }, number: 'PBG-001' });
    expect(s.state.permitNumber).toBe('PBG-001');
    s.act(officers.kadis, { type: 'SignPermit', data: {} });
    const issued = s.act(officers.records, { type: 'IssuePermit', data: { verificationCode: 'IGNORED' }, number: 'NOT-DRAWN' });
    expect(issued[0]).toMatchObject({ type: 'PermitIssued', data: { permitNumber: 'PBG-001', verificationCode: 'ABC123' } });
    expect(refusal(() => s.when(officers.frontDesk, revoke))).toBe('AUTH.ROLE');
    expect(s.when(officers.supervisor, revoke)).toEqual([
      { type: 'PermitRevoked', data: { permitNumber: 'PBG-001', reason: 'Bangunan menyalahi gambar yang disetujui' } },
    ]);
    expect(s.state.status).toBe('revoked');
    expect(refusal(() => s.when(officers.supervisor, revoke))).toBe('PERMIT.ALREADY_REVOKED');
    expect(refusal(() => s.when(officers.frontDesk, { type: 'HandOverPermit', data: { receivedBy: 'Budi Santoso' } }))).toBe(
      'DOSSIER.NOT_ACTIVE',
    );
  });

  it('waits for every technical agency before moving on', () => {
    const s = pbg();
    s.register();
    s.act(officers.backOffice, { type: 'CompleteStep', data: { outcome: 'forward' } });
    const first = s.act(officers.tpa, { type: 'RecordRecommendation', data: { positive: true, note: 'ok' } });
    expect(s.types(first)).toEqual(['RecommendationRecorded']);
    expect(s.currentStep.id).toBe('konsultasi-teknis');
    expect(refusal(() => s.when(officers.tpa, { type: 'RecordRecommendation', data: { positive: true, note: 'again' } }))).toBe(
      'STEP.ALREADY_ANSWERED',
    );
    s.act(officers.pupr, { type: 'RecordRecommendation', data: { positive: true, note: 'ok' } });
    expect(s.currentStep.id).toBe('retribusi');
  });

  it('refuses issuance before the fee is assessed and paid in full', () => {
    // Given a dossier already at the issuance desk (as a bad migration or manual fix could leave it).
    const s = pbg();
    s.register();
    const issuance = s.definition.steps.findIndex((st) => st.kind === 'issuance');
    s.given([
      {
        type: 'StepStarted',
        data: { stepId: 'penerbitan', stepIndex: issuance, desks: ['tata-usaha'], due: s.state.due, rejectionRecommended: false },
      },
    ]);
    const issue = () => s.when(officers.records, { type: 'IssuePermit', data: { verificationCode: 'V' }, number: 'P-1' });
    expect(refusal(issue)).toBe('FEE.NOT_ASSESSED');
    s.given([
      { type: 'FeeAssessed', data: { stepId: 'retribusi', desk: 'retribusi', skrdNumber: 'S', lines: [], total: 1000, inputs: {} } },
      { type: 'PaymentRecorded', data: { reference: 'R', amount: 400, channel: 'bank', paidTotal: 400, outstanding: 600 } },
    ]);
    expect(refusal(issue)).toBe('FEE.NOT_PAID');
    s.given([{ type: 'PaymentRecorded', data: { reference: 'R2', amount: 600, channel: 'bank', paidTotal: 1000, outstanding: 0 } }]);
    expect(s.types(issue())).toEqual(['PermitIssued', 'StepCompleted', 'StepStarted']);
  });

  it('refuses an overpayment and the same payment recorded twice', () => {
    const s = pbg();
    pbgThroughReview(s);
    s.act(officers.cashier, { type: 'AssessFee', data: {}, number: 'SKRD/2026/002' });
    expect(
      refusal(() => s.when(officers.cashier, { type: 'RecordPayment', data: { reference: 'P', amount: 9_999_999, channel: 'cashier' } })),
    ).toBe('FEE.OVERPAYMENT');
    s.when(officers.cashier, { type: 'RecordPayment', data: { reference: 'P', amount: 100, channel: 'cashier' } });
    expect(
      refusal(() => s.when(officers.cashier, { type: 'RecordPayment', data: { reference: 'P', amount: 100, channel: 'cashier' } })),
    ).toBe('FEE.DUPLICATE_PAYMENT');
    expect(s.state.fee?.paid).toBe(100);
  });
});

describe('return for correction', () => {
  it('goes back to the applicant with reasons and returns to the desk that returned it', () => {
    const s = pbg();
    s.register();
    s.act(officers.backOffice, { type: 'CompleteStep', data: { outcome: 'forward' } });
    const returned = s.act(officers.pupr, { type: 'ReturnForCorrection', data: { reasons: ['Gambar struktur tidak ditandatangani'] } });
    expect(returned[0]).toMatchObject({ type: 'DossierReturnedForCorrection', data: { desk: 'dinas-pupr', clockPaused: true } });
    expect(s.state.status).toBe('returned');
    expect(refusal(() => s.when(officers.tpa, { type: 'RecordRecommendation', data: { positive: true, note: 'x' } }))).toBe(
      'DOSSIER.NOT_ACTIVE',
    );
    s.when(officers.frontDesk, { type: 'ResubmitCorrections', data: { note: 'gambar diperbaiki' } });
    expect(s.state.status).toBe('in-process');
    expect(s.currentStep.id).toBe('konsultasi-teknis');
  });

  it('refuses a resubmission when nothing was returned, and a return where the step does not allow it', () => {
    const s = pbg();
    pbgThroughReview(s);
    expect(refusal(() => s.when(officers.frontDesk, { type: 'ResubmitCorrections', data: { note: 'x' } }))).toBe('DOSSIER.NOT_RETURNED');
    expect(refusal(() => s.act(officers.cashier, { type: 'ReturnForCorrection', data: { reasons: ['x'] } }))).toBe('STEP.WRONG_KIND');
  });
});

describe('rejection paths', () => {
  it('a negative technical recommendation leads to the rejection letter, never to approval', () => {
    const s = pbg();
    s.register();
    s.act(officers.backOffice, { type: 'CompleteStep', data: { outcome: 'forward' } });
    s.act(officers.tpa, { type: 'RecordRecommendation', data: { positive: false, note: 'KDB terlampaui' } });
    s.act(officers.pupr, { type: 'RecordRecommendation', data: { positive: true, note: 'ok' } });
    expect(s.currentStep.kind).toBe('decision');
    expect(s.state.rejectionRecommended).toBe(true);
    expect(refusal(() => s.act(officers.kabid, { type: 'ApproveDossier', data: {} }))).toBe('DECISION.NEGATIVE_RECOMMENDATION');
    s.when(officers.kabid, { type: 'RejectDossier', data: { reasons: ['KDB terlampaui'] }, number: 'SP/2026/01' });
    expect(s.state.status).toBe('rejected');
    expect(refusal(() => s.when(officers.frontDesk, { type: 'WithdrawDossier', data: { reason: 'x' } }))).toBe('DOSSIER.NOT_ACTIVE');
  });

  it('SIP Dokter: a negative Dinas Kesehatan recommendation ends in rejection', () => {
    const s = sip();
    s.register();
    s.act(officers.backOffice, { type: 'CompleteStep', data: { outcome: 'forward' } });
    s.act(officers.dinkes, { type: 'CompleteStep', data: { outcome: 'reject', reasons: ['STR kedaluwarsa'] } });
    expect(s.currentStep.kind).toBe('decision');
    s.act(officers.kabid, { type: 'RejectDossier', data: { reasons: ['STR kedaluwarsa'] }, number: 'SP/2026/02' });
    expect(s.state.status).toBe('rejected');
  });

  it('verification may recommend rejection; the back office cannot forward with a pending inspection', () => {
    const s = reklame();
    s.register();
    s.act(officers.backOffice, { type: 'CompleteStep', data: { outcome: 'forward' } });
    s.act(officers.reklame, { type: 'ScheduleInspection', data: { scheduledFor: '2026-03-04' } });
    expect(refusal(() => s.when(officers.reklame, { type: 'CompleteStep', data: { outcome: 'forward' } }))).toBe('INSPECTION.PENDING');
    s.when(officers.reklame, { type: 'RecordInspection', data: { result: 'failed', reportNumber: 'BAP-7', findings: 'di atas trotoar' } });
    expect(refusal(() => s.when(officers.reklame, { type: 'CompleteStep', data: { outcome: 'forward' } }))).toBe('INSPECTION.FAILED');
    s.when(officers.reklame, { type: 'CompleteStep', data: { outcome: 'reject', reasons: ['melanggar zona'] } });
    expect(s.currentStep.kind).toBe('decision');
  });
});

describe('happy paths of the other services', () => {
  it('SIP Dokter (no fee) goes to issuance without a fee step', () => {
    const s = sip();
    s.register();
    s.act(officers.backOffice, { type: 'CompleteStep', data: { outcome: 'forward' } });
    s.act(officers.dinkes, { type: 'CompleteStep', data: { outcome: 'forward' } });
    s.act(officers.kabid, { type: 'ApproveDossier', data: {}, number: 'SIP-1' });
    s.act(officers.kadis, { type: 'SignPermit', data: {} });
    s.act(officers.records, { type: 'IssuePermit', data: { verificationCode: 'V1' } });
    s.when(officers.frontDesk, { type: 'HandOverPermit', data: { receivedBy: 'dr. Sari' } });
    expect(s.state.status).toBe('handed-over');
  });

  it('schedules a site inspection only on a working day from today on, with the inspector named', () => {
    const s = reklame();
    s.register();
    s.act(officers.backOffice, { type: 'CompleteStep', data: { outcome: 'forward' } });
    const schedule = (scheduledFor: string) =>
      s.act(officers.reklame, { type: 'ScheduleInspection', data: { scheduledFor, inspector: 'Yusuf' } });
    // Issue 20: a date in 2020 was accepted.
    expect(refusal(() => schedule('2020-01-06'))).toBe('INSPECTION.DATE_PASSED');
    // 20 March 2026 is cuti bersama (Idul Fitri).
    expect(refusal(() => schedule('2026-03-20'))).toBe('INSPECTION.NOT_A_WORKING_DAY');
    expect(schedule('2026-03-04')).toEqual([
      expect.objectContaining({
        type: 'InspectionScheduled',
        data: expect.objectContaining({ scheduledFor: '2026-03-04', inspector: 'Yusuf' }),
      }),
    ]);
  });

  it('Izin Reklame with a site survey, assessed as a tax (SKPD) with the removal bond as a refundable deposit', () => {
    const s = reklame();
    s.register();
    s.act(officers.backOffice, { type: 'CompleteStep', data: { outcome: 'forward' } });
    s.act(officers.reklame, { type: 'ScheduleInspection', data: { scheduledFor: '2026-03-04' } });
    s.when(officers.reklame, { type: 'RecordInspection', data: { result: 'passed', reportNumber: 'BAP-1', findings: 'sesuai' } });
    s.when(officers.reklame, { type: 'CompleteStep', data: { outcome: 'forward' } });
    const fee = s.act(officers.cashier, { type: 'AssessFee', data: {}, number: 'SKRD/R/1' })[0];
    // 8 m2 x 1 face x 12 months x Rp 25,000 (class A) = rental value Rp 2,400,000; 25% of it is the tax.
    expect(fee.type === 'FeeAssessed' && fee.data.lines.map((l) => [l.code, l.amount, l.refundable ?? false])).toEqual([
      ['pajak', 600_000, false],
      ['jaminan-bongkar', 500_000, true],
    ]);
    expect(fee.type === 'FeeAssessed' && fee.data.document).toBe('SKPD');
    s.when(officers.cashier, { type: 'RecordPayment', data: { reference: 'K-1', amount: 1_100_000, channel: 'cashier' } });
    s.when(officers.cashier, { type: 'CompleteStep', data: { outcome: 'forward' } });
    s.act(officers.kabid, { type: 'ApproveDossier', data: {}, number: 'R-1' });
    s.act(officers.kadis, { type: 'SignPermit', data: {} });
    s.act(officers.records, { type: 'IssuePermit', data: { verificationCode: 'V2' } });
    expect(s.state.status).toBe('issued');
    expect(s.state.permitNumber).toBe('R-1');
    // The bond goes back by a supervisor's record of the transfer, once: money out is an event, never an edit.
    const refund = (who: Actor = officers.supervisor) =>
      s.when(who, { type: 'RefundDeposit', data: { reference: 'trf 9', reason: 'Reklame telah dibongkar pemiliknya' } });
    expect(refusal(() => refund(officers.cashier))).toBe('AUTH.ROLE');
    expect(refund()).toEqual([
      {
        type: 'DepositRefunded',
        data: {
          code: 'jaminan-bongkar',
          label: s.definition.fee.kind === 'tax' ? s.definition.fee.deposit?.label : undefined,
          amount: 500_000,
          reference: 'TRF9',
          reason: 'Reklame telah dibongkar pemiliknya',
        },
      },
    ]);
    expect(refusal(() => refund())).toBe('FEE.DEPOSIT_REFUNDED');
  });

  it('holds a deposit while the dossier is worked on, and has none to refund for a levy', () => {
    const s = reklame();
    s.register();
    s.act(officers.backOffice, { type: 'CompleteStep', data: { outcome: 'forward' } });
    s.act(officers.reklame, { type: 'CompleteStep', data: { outcome: 'forward' } });
    s.act(officers.cashier, { type: 'AssessFee', data: {}, number: 'SKPD/R/2' });
    const refund = () =>
      s.when(officers.supervisor, { type: 'RefundDeposit', data: { reference: 'TRF-1', reason: 'Permohonan dibatalkan pemohon' } });
    expect(refusal(refund)).toBe('FEE.DEPOSIT_HELD');
    s.when(officers.supervisor, { type: 'WithdrawDossier', data: { reason: 'Pemohon membatalkan' } });
    // Withdrawn before paying: nothing to give back.
    expect(refusal(refund)).toBe('FEE.DEPOSIT_NOT_PAID');
    const building = pbg();
    pbgThroughReview(building);
    building.act(officers.cashier, { type: 'AssessFee', data: {}, number: 'SKRD/2026/030' });
    expect(
      refusal(() =>
        building.when(officers.supervisor, {
          type: 'RefundDeposit',
          data: { reference: 'TRF-2', reason: 'Tidak ada jaminan sama sekali' },
        }),
      ),
    ).toBe('FEE.NO_DEPOSIT');
  });

  it('numbers at issuance a dossier approved before approvals drew the number', () => {
    const now = sip();
    now.register();
    now.act(officers.backOffice, { type: 'CompleteStep', data: { outcome: 'forward' } });
    now.act(officers.dinkes, { type: 'CompleteStep', data: { outcome: 'forward' } });
    now.act(officers.kabid, { type: 'ApproveDossier', data: {}, number: 'SIP/2026/000001' });
    // The same history as the previous version wrote it: the approval without a number or a verification code.
    const before = sip().given(
      now.history.map((e) => (e.type === 'DossierApproved' ? { type: e.type, data: { stepId: e.data.stepId, desk: e.data.desk } } : e)),
    );
    expect(before.state.permitNumber).toBeUndefined();
    before.act(officers.kadis, { type: 'SignPermit', data: {} });
    const issued = before.act(officers.records, { type: 'IssuePermit', data: { verificationCode: 'V9' }, number: 'SIP/2026/000007' });
    expect(issued[0]).toMatchObject({ type: 'PermitIssued', data: { permitNumber: 'SIP/2026/000007', verificationCode: 'V9' } });
  });
});

describe('desks and holders', () => {
  it('refuses an officer of another desk, and claiming what someone else holds', () => {
    const s = pbg();
    s.register();
    expect(refusal(() => s.act(officers.tpa, { type: 'CompleteStep', data: { outcome: 'forward' } }))).toBe('DOSSIER.NOT_AT_DESK');
    s.when(officers.backOffice, { type: 'ClaimDossier', data: {} });
    expect(refusal(() => s.when(officers.backOffice2, { type: 'ClaimDossier', data: {} }))).toBe('DOSSIER.HELD_BY_OTHER');
    expect(refusal(() => s.when(officers.backOffice2, { type: 'CompleteStep', data: { outcome: 'forward' } }))).toBe(
      'DOSSIER.HELD_BY_OTHER',
    );
    s.when(officers.backOffice, { type: 'ReleaseDossier', data: {} });
    expect(s.types(s.when(officers.backOffice2, { type: 'ClaimDossier', data: {} }))).toEqual(['DossierClaimed']);
  });

  it('reassigning a step keeps its due date', () => {
    const s = pbg();
    s.register();
    s.when(officers.backOffice, { type: 'ClaimDossier', data: {} });
    const before = s.state.stepDue;
    s.when(officers.supervisor, { type: 'ReassignDossier', data: { toOfficerId: 'bo-2', reason: 'cuti' } }, '2026-03-04T03:00:00.000Z');
    expect(s.state.holders['back-office']).toBe('bo-2');
    expect(s.state.stepDue).toEqual(before);
    expect(refusal(() => s.when(officers.backOffice, { type: 'ReassignDossier', data: { toOfficerId: 'bo-1', reason: 'x' } }))).toBe(
      'AUTH.ROLE',
    );
  });

  it('withdrawal is possible until issuance', () => {
    const s = pbg();
    s.register();
    s.when(officers.frontDesk, { type: 'WithdrawDossier', data: { reason: 'batal membangun' } });
    expect(s.state.status).toBe('withdrawn');
  });
});
