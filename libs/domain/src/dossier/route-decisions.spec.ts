import { crossCheck, longestRoute, ServiceDefinitionSchema, type Condition } from '../catalogue/service-definition.js';
import type { Actor } from './dossier-commands.js';
import { DomainError } from '../shared/domain-error.js';
import { catalogue, DossierScenario, officers, PBG_PARTICULARS } from '#berkas/domain/testing';
import type { DossierEvent, EventOf } from './dossier-events.js';

const cat = catalogue();
const pbg = (version: number) => cat.get('pbg', version)!;
const deskIds = new Set(cat.desks().map((d) => d.id));
const started = (events: DossierEvent[]) => events.find((e): e is EventOf<'StepStarted'> => e.type === 'StepStarted')!;

const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return 'accepted';
};

/** Verification done: the dossier goes on to the technical consultation its floors call for. */
function verified(floors: number): DossierScenario {
  const s = new DossierScenario(pbg(3)).withVersions(cat);
  s.register({ particulars: { ...PBG_PARTICULARS, 'jumlah-lantai': floors } });
  s.act(officers.backOffice, { type: 'CompleteStep', data: { outcome: 'forward' } });
  return s;
}

/** Both reviewing desks recommend: the dossier is at the fee desk. */
function reviewed(s: DossierScenario): void {
  for (const actor of [officers.tpa, officers.pupr, officers.damkar])
    if (s.currentStep.desks?.includes(actor.desks[0]))
      s.act(actor, { type: 'RecordRecommendation', data: { positive: true, note: 'Sesuai ketentuan' } });
}

describe('branches: a step taken on the dossier’s data (issue 23)', () => {
  it('takes a high-rise to the consultation with the fire service, and a house past it', () => {
    const tall = verified(12);
    expect(tall.currentStep.id).toBe('konsultasi-teknis-gedung-tinggi');
    expect(tall.state.stepIndex).toBe(2);
    expect(started(tall.history.slice(-2)).data).toMatchObject({ desks: ['tpa', 'dinas-pupr', 'damkar'], skipped: ['konsultasi-teknis'] });

    const house = verified(2);
    expect(house.currentStep.id).toBe('konsultasi-teknis');
    reviewed(house);
    // On to the fee desk, passing the high-rise consultation by, and saying so in the trail.
    expect(house.currentStep.id).toBe('retribusi');
    expect(started(house.history.slice(-2)).data.skipped).toEqual(['konsultasi-teknis-gedung-tinggi']);
  });

  it('counts the longest route, not every step, against the service deadline', () => {
    // Two 14-day consultations that exclude each other: 3 + 14 + 5 + 2 + 2 + 2.
    expect(longestRoute(pbg(3))).toBe(28);
    // Both taken at once would be over the deadline: refused when published.
    const both = structuredClone(pbg(3));
    both.steps[2]!.when = { field: 'particulars.jumlah-lantai', op: 'gt', value: 1 };
    expect(longestRoute(both)).toBe(42);
    expect(crossCheck(both, deskIds)).toContainEqual({ path: 'slaDays', message: expect.stringContaining('42 working days') });
  });

  it.each([
    ['a particular the service does not have', { field: 'particulars.tinggi', op: 'gt', value: 1 }, 'steps.2.when.field'],
    ['a free-text particular', { field: 'particulars.alamat-bangunan', op: 'eq', value: 'x' }, 'steps.2.when.field'],
    ['a number compared with a text', { field: 'particulars.jumlah-lantai', op: 'gt', value: 'delapan' }, 'steps.2.when.value'],
    ['a choice compared by size', { field: 'particulars.fungsi', op: 'gt', value: 1 }, 'steps.2.when.op'],
    ['an option the choice does not have', { field: 'particulars.fungsi', op: 'in', value: ['pabrik'] }, 'steps.2.when.value'],
    ['a fee input the fee does not take', { field: 'inputs.tinggi', op: 'gt', value: 1 }, 'steps.2.when.field'],
    [
      'one of any',
      {
        any: [
          { field: 'particulars.fungsi', op: 'eq', value: 'hunian' },
          { field: 'particulars.x', op: 'eq', value: 'y' },
        ],
      },
      'steps.2.when.any.1.field',
    ],
  ])('refuses a condition on %s when published', (_what, when, path) => {
    const def = structuredClone(pbg(3));
    def.steps[2]!.when = when as Condition;
    const parsed = ServiceDefinitionSchema.parse(def);
    expect(crossCheck(parsed, deskIds).map((p) => p.path)).toContain(path);
  });

  it('refuses a condition on the first step and on a step every dossier passes', () => {
    const def = structuredClone(pbg(3));
    def.steps[0]!.when = { field: 'particulars.fungsi', op: 'eq', value: 'hunian' };
    def.steps[4]!.when = { field: 'particulars.fungsi', op: 'eq', value: 'hunian' };
    const paths = crossCheck(def, deskIds).map((p) => `${p.path}: ${p.message}`);
    expect(paths).toContain('steps.0.when: the first step is always taken');
    expect(paths).toContainEqual(expect.stringMatching(/^steps\.4\.when: only a review step may be conditional/));
  });
});

describe('send-back: a desk returns the dossier to an earlier desk (issue 23)', () => {
  it('sends a dossier from the decision back to the technical consultation, whose days start again', () => {
    const s = verified(2);
    reviewed(s);
    s.act(officers.cashier, { type: 'AssessFee', data: {} });
    s.when(officers.cashier, { type: 'RecordPayment', data: { reference: 'TRX-1', amount: s.state.fee!.total, channel: 'bank' } });
    s.when(officers.cashier, { type: 'CompleteStep', data: { outcome: 'forward' } });
    expect(s.currentStep.kind).toBe('decision');
    s.now = '2026-03-16T02:00:00.000Z';
    const events = s.act(officers.kabid, {
      type: 'SendBack',
      data: { toStepId: 'konsultasi-teknis', reasons: ['Rekomendasi PUPR tidak menyebut garis sempadan'] },
    });
    expect(s.types(events)).toEqual(['DossierSentBack', 'StepStarted']);
    expect(events[0]!.data).toMatchObject({ stepId: 'keputusan', desk: 'kabid', toStepId: 'konsultasi-teknis' });
    expect(s.currentStep.id).toBe('konsultasi-teknis');
    // Fourteen working days from the send-back, not from the first time.
    expect(s.state.stepDue).toEqual(s.calendar.addWorkingDays(s.now, 14));
    // The desks answer again, and the paid bill stands: on to the decision once more.
    reviewed(s);
    expect(s.currentStep.id).toBe('retribusi');
    expect(s.state.fee?.paid).toBe(s.state.fee?.total);
  });

  it('refuses a later step, a step the dossier passed by, and a step that does not allow it', () => {
    const s = verified(2);
    s.when(officers.tpa, { type: 'ClaimDossier', data: {} });
    const back = (toStepId: string) =>
      refusal(() => s.when(officers.tpa, { type: 'SendBack', data: { toStepId, reasons: ['Cek ulang'] } }));
    expect(back('retribusi')).toBe('STEP.NOT_EARLIER');
    expect(back('konsultasi-teknis-gedung-tinggi')).toBe('STEP.NOT_EARLIER');
    expect(back('verifikasi')).toBe('accepted');
    // Verification is the first desk: it returns to the applicant, never "back".
    s.when(officers.backOffice, { type: 'ClaimDossier', data: {} });
    expect(refusal(() => s.when(officers.backOffice, { type: 'SendBack', data: { toStepId: 'verifikasi', reasons: ['x'] } }))).toBe(
      'STEP.OUTCOME_NOT_ALLOWED',
    );
  });
});

describe('migration: a running dossier moved to another version (issue 23)', () => {
  function underV2(): DossierScenario {
    const s = new DossierScenario(pbg(2)).withVersions(cat);
    s.register();
    s.act(officers.backOffice, { type: 'CompleteStep', data: { outcome: 'forward' } });
    return s;
  }

  it('keeps the step and its start, recounts the deadline, and can be undone only by another migration', () => {
    const s = underV2();
    const startedAt = s.state.stepStartedAt!;
    s.now = '2026-03-05T02:00:00.000Z';
    const events = s.when(officers.supervisor, { type: 'MigrateDossier', data: { toVersion: 3, reason: 'Perkada baru berlaku' } });
    expect(s.types(events)).toEqual(['DossierMigrated', 'StepStarted']);
    expect(events[0]!.data).toMatchObject({
      from: { version: 2, stepId: 'konsultasi-teknis' },
      to: { version: 3, stepId: 'konsultasi-teknis' },
      requirementsMissing: [],
      fee: { before: expect.any(Number), after: expect.any(Number) },
    });
    expect(s.state.service.version).toBe(3);
    // The same step: its 14 days still count from when it started.
    expect(s.state.stepDue).toEqual(s.calendar.addWorkingDays(startedAt, 14));
    expect(s.state.due).toEqual(s.calendar.addWorkingDays('2026-03-02T02:00:00.000Z', 28));
    // The dossier now follows v3: its desks answer under it.
    reviewed(s);
    expect(s.currentStep.id).toBe('retribusi');
    // Back to v2, by another migration.
    s.when(officers.supervisor, { type: 'MigrateDossier', data: { toVersion: 2, reason: 'Dipindahkan keliru' } });
    expect(s.state.service.version).toBe(2);
  });

  it('maps a step the new version does not have, and refuses without a mapping', () => {
    const s = underV2();
    const big = { ...PBG_PARTICULARS, 'jumlah-lantai': 12 };
    // Twelve floors under v2: v3 sends it to the high-rise consultation, which must be mapped to.
    s.state = { ...s.state, particulars: big };
    const migrate = (data: object) =>
      s.when(officers.supervisor, { type: 'MigrateDossier', data: { toVersion: 3, reason: 'Perkada baru', ...data } });
    expect(refusal(() => migrate({}))).toBe('MIGRATION.STEP_NOT_TAKEN');
    expect(refusal(() => migrate({ stepMapping: { 'konsultasi-teknis': 'tidak-ada' } }))).toBe('MIGRATION.STEP_UNMAPPED');
    const events = migrate({ stepMapping: { 'konsultasi-teknis': 'konsultasi-teknis-gedung-tinggi' } });
    expect(started(events).data).toMatchObject({ stepId: 'konsultasi-teknis-gedung-tinggi', desks: ['tpa', 'dinas-pupr', 'damkar'] });
    // Another step: its days count from the migration.
    expect(s.state.stepDue).toEqual(s.calendar.addWorkingDays(s.now, 14));
  });

  it('asks for what the new version needs that the dossier lacks (v1 took no particulars)', () => {
    const s = new DossierScenario(pbg(1)).withVersions(cat);
    s.register({ particulars: {}, inputs: { 'luas-lantai': 120, 'indeks-terintegrasi': 1 } });
    const migrate = (data: object) =>
      s.when(officers.supervisor, { type: 'MigrateDossier', data: { toVersion: 2, reason: 'Ketentuan PP 16/2021', ...data } });
    expect(refusal(() => migrate({}))).toBe('REGISTRATION.MISSING_PARTICULAR');
    const events = migrate({ particulars: PBG_PARTICULARS, inputs: { 'luas-lantai': 120 } });
    expect(events[0]!.data).toMatchObject({ particulars: PBG_PARTICULARS, to: { version: 2, stepId: 'verifikasi' } });
    expect(s.state.particulars).toMatchObject(PBG_PARTICULARS);
  });

  it('refuses a processor, the same version, a version never published and an approved dossier sent before its decision', () => {
    const s = underV2();
    const as = (actor: Actor, toVersion: number) =>
      refusal(() => s.when(actor, { type: 'MigrateDossier', data: { toVersion, reason: 'Perkada baru' } }));
    expect(as(officers.tpa, 3)).toBe('AUTH.ROLE');
    expect(as(officers.supervisor, 2)).toBe('MIGRATION.SAME_VERSION');
    expect(as(officers.supervisor, 9)).toBe('MIGRATION.UNKNOWN_VERSION');
  });
});

describe('operator repair: a step moved or repeated with the reason (issue 23)', () => {
  it('moves a dossier back to verification and repeats a step, as events with the reason', () => {
    const s = verified(2);
    const moved = s.when(officers.supervisor, { type: 'RepairStep', data: { toStepId: 'verifikasi', reason: 'Diteruskan tanpa cek NIB' } });
    expect(s.types(moved)).toEqual(['DossierStepRepaired', 'StepStarted']);
    expect(moved[0]!.data).toEqual({
      fromStepId: 'konsultasi-teknis',
      toStepId: 'verifikasi',
      repeat: false,
      reason: 'Diteruskan tanpa cek NIB',
    });
    const repeated = s.when(officers.supervisor, { type: 'RepairStep', data: { toStepId: 'verifikasi', reason: 'Diulang' } });
    expect(repeated[0]!.data).toMatchObject({ repeat: true });
    expect(s.currentStep.id).toBe('verifikasi');
  });

  it('never skips the decision, never decides twice, and is a supervisor’s', () => {
    const s = verified(2);
    const repair = (actor: Actor, toStepId: string) =>
      refusal(() => s.when(actor, { type: 'RepairStep', data: { toStepId, reason: 'Perbaikan' } }));
    expect(repair(officers.tpa, 'verifikasi')).toBe('AUTH.ROLE');
    expect(repair(officers.supervisor, 'tte')).toBe('REPAIR.NOT_DECIDED');
    expect(repair(officers.supervisor, 'tidak-ada')).toBe('REPAIR.UNKNOWN_STEP');
    s.state = { ...s.state, approved: true };
    expect(repair(officers.supervisor, 'verifikasi')).toBe('REPAIR.ALREADY_DECIDED');
    expect(repair(officers.supervisor, 'penyerahan')).toBe('REPAIR.NOT_ISSUED');
  });
});
