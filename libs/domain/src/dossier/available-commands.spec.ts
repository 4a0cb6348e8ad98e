import { availableCommands, type AvailableCommand } from './available-commands.js';
import { decide } from './decide.js';
import { feeInputsOf } from '../catalogue/service-definition.js';
import type { Actor, DossierCommand } from './dossier-commands.js';
import { catalogue, DossierScenario, officers } from '#berkas/domain/testing';

type Cmd = Pick<DossierCommand, 'type' | 'data'> & { number?: string };

/** The command an officer's click sends for an offered command, with ordinary answers in its form. */
function commandFor(offer: AvailableCommand, s: DossierScenario): Cmd {
  const desk = offer.desk;
  const fee = s.state.fee;
  switch (offer.type) {
    case 'ClaimDossier':
    case 'ReleaseDossier':
      return { type: offer.type, data: { desk } };
    case 'CompleteStep':
      return { type: 'CompleteStep', data: { desk, outcome: offer.outcome ?? 'forward', reasons: ['Gambar struktur tidak lengkap'] } };
    case 'ReturnForCorrection':
      return { type: 'ReturnForCorrection', data: { desk, reasons: ['Gambar struktur tidak lengkap'] } };
    case 'ResubmitCorrections':
      return { type: 'ResubmitCorrections', data: { note: 'Gambar sudah dilengkapi' } };
    case 'RecordRecommendation':
      return { type: 'RecordRecommendation', data: { desk, positive: offer.positive ?? true, note: 'Sesuai ketentuan' } };
    case 'AssessFee':
      return { type: 'AssessFee', data: {}, number: 'SKRD/2026/000001' };
    case 'CancelFeeAssessment':
      return { type: 'CancelFeeAssessment', data: { reason: 'Tarif salah dihitung' } };
    case 'RecordPayment':
      return {
        type: 'RecordPayment',
        data: { reference: `TRX-${s.history.length}`, amount: fee ? fee.total - fee.paid : 0, channel: 'bank' },
      };
    case 'CorrectPayment': {
      const paid = fee?.payments[0];
      return {
        type: 'CorrectPayment',
        data: { reference: paid?.reference ?? 'NONE', channel: paid?.channel ?? 'bank', amount: 0, reason: 'Salah ketik nominal' },
      };
    }
    case 'ApproveDossier':
    case 'SignPermit':
      return { type: offer.type, data: {} };
    case 'RejectDossier':
      return { type: 'RejectDossier', data: { reasons: ['Tidak memenuhi ketentuan'] }, number: 'TOLAK/2026/000001' };
    case 'IssuePermit':
      return { type: 'IssuePermit', data: { verificationCode: 'v'.repeat(16) }, number: 'IZIN/2026/000001' };
    case 'HandOverPermit':
      return { type: 'HandOverPermit', data: { receivedBy: 'Budi Santoso' } };
    case 'ScheduleInspection':
      return { type: 'ScheduleInspection', data: { desk, scheduledFor: s.calendar.localDate(s.now), inspector: 'Ir. Sari' } };
    case 'RecordInspection':
      return { type: 'RecordInspection', data: { desk, result: 'passed', reportNumber: 'BAP/2026/1', findings: 'Sesuai gambar' } };
    case 'ReprintReceipt':
      return { type: 'ReprintReceipt', data: { reason: 'Tanda terima hilang' } };
    case 'WithdrawDossier':
    case 'RevokePermit':
      return { type: offer.type, data: { reason: 'Atas permintaan pemohon' } };
    case 'RefundDeposit':
      return { type: 'RefundDeposit', data: { reference: 'TRF-1', reason: 'Reklame telah dibongkar' } };
    case 'SendBack':
      return {
        type: 'SendBack',
        data: { desk, toStepId: offer.toSteps?.[0] ?? 'none', reasons: ['Luas bangunan perlu diverifikasi ulang'] },
      };
    case 'RepairStep':
      // Repeating the step the dossier is at: the repair every running dossier allows.
      return { type: 'RepairStep', data: { toStepId: s.definition.steps[s.state.stepIndex]?.id ?? 'none', reason: 'Tahap diulang' } };
    default:
      throw new Error(`no probe for ${offer.type}`);
  }
}

/** Whether decide accepts the command with something to record (a repeated claim is accepted and records nothing). */
const accepts = (s: DossierScenario, actor: Actor, cmd: Cmd): boolean => {
  try {
    const { number, ...command } = cmd;
    return (
      decide({ ...command, metadata: { commandId: 'probe', actor, at: s.now } } as DossierCommand, s.state, {
        definition: s.definition,
        calendar: s.calendar,
        tariffs: s.tariffTable,
        documentNumber: number ?? 'TEST/NUMBER',
      }).length > 0
    );
  } catch {
    return false;
  }
};

const everyone = Object.values(officers).filter((o) => o.role !== 'system');

/** The commands a page offers at every desk, probed whether or not they are offered. */
const PROBED: AvailableCommand['type'][] = [
  'ClaimDossier',
  'ReleaseDossier',
  'ApproveDossier',
  'SignPermit',
  'IssuePermit',
  'HandOverPermit',
  'ResubmitCorrections',
  'AssessFee',
  'CorrectPayment',
  'RefundDeposit',
  'RepairStep',
];

/** Every officer at this moment: what is offered is accepted, and the probed commands not offered are refused. */
function checkEveryone(s: DossierScenario): void {
  const disagreements: string[] = [];
  for (const actor of everyone) {
    const { commands, desk } = availableCommands(s.state, s.definition, actor);
    for (const offer of commands)
      if (!accepts(s, actor, commandFor(offer, s))) disagreements.push(`${actor.officerId} offered ${JSON.stringify(offer)}, refused`);
    // Offered a claim, the officer takes the dossier up first (the decider would also take the work unclaimed).
    if (commands.some((c) => c.type === 'ClaimDossier')) continue;
    for (const type of PROBED) {
      if (commands.some((c) => c.type === type)) continue;
      if (accepts(s, actor, commandFor({ type, desk }, s))) disagreements.push(`${actor.officerId} not offered ${type}, accepted`);
    }
  }
  expect({ at: `${s.state.status} step ${s.state.stepIndex}`, disagreements }).toEqual({ at: expect.any(String), disagreements: [] });
}

/** Moves the dossier on with the first offered command that makes progress, from whoever is offered one. */
function walk(s: DossierScenario, prefer: (o: AvailableCommand) => boolean = () => true): string[] {
  const trail: string[] = [];
  const progress = (o: AvailableCommand) =>
    o.type !== 'ReleaseDossier' &&
    o.type !== 'WithdrawDossier' &&
    o.type !== 'CancelFeeAssessment' &&
    o.type !== 'CorrectPayment' &&
    o.type !== 'RefundDeposit' &&
    o.type !== 'ReprintReceipt' &&
    o.type !== 'SendBack' &&
    o.type !== 'RepairStep';
  for (let i = 0; i < 60; i++) {
    checkEveryone(s);
    let moved = false;
    for (const actor of everyone) {
      const offers = availableCommands(s.state, s.definition, actor).commands.filter(progress);
      const offer = offers.find(prefer) ?? offers[0];
      if (!offer || offer.type === 'RevokePermit') continue;
      s.when(actor, commandFor(offer, s));
      trail.push(`${actor.officerId}:${offer.type}`);
      moved = true;
      break;
    }
    if (!moved) return trail;
  }
  throw new Error(`no end after 60 moves: ${trail.join(' ')}`);
}

describe('available commands: what an officer may do now, as the decider answers', () => {
  const cat = catalogue();

  it.each(cat.services().map((d) => [d.code, d] as const))('walks %s to handover offering only what decide accepts', (_code, def) => {
    const s = new DossierScenario(def);
    // Each service's own fee inputs, at the smallest figure its rule takes.
    s.register({ inputs: Object.fromEntries(feeInputsOf(def.fee).map((i) => [i.code, i.min])) });
    const trail = walk(s);
    expect(s.state.status).toBe('handed-over');
    expect(trail.at(-1)).toMatch(/:HandOverPermit$/);
    // A handed-over permit: a supervisor may revoke it (and pay back a removal bond), the front desk print a lost receipt again.
    const bond = def.fee.kind === 'tax' && def.fee.deposit ? [{ type: 'RefundDeposit' }] : [];
    expect(availableCommands(s.state, def, officers.supervisor).commands).toEqual([{ type: 'RevokePermit' }, ...bond]);
    expect(availableCommands(s.state, def, officers.frontDesk).commands).toEqual([{ type: 'ReprintReceipt' }]);
  });

  it('offers a return for correction, then the front desk resubmits or withdraws, and only the front desk', () => {
    const s = new DossierScenario(cat.latest('pbg')!);
    s.register();
    s.act(officers.backOffice, { type: 'ReturnForCorrection', data: { reasons: ['Gambar struktur tidak lengkap'] } });
    checkEveryone(s);
    expect(availableCommands(s.state, s.definition, officers.frontDesk).commands.map((c) => c.type)).toEqual([
      'ResubmitCorrections',
      'WithdrawDossier',
      'ReprintReceipt',
    ]);
    expect(availableCommands(s.state, s.definition, { officerId: 'adm', role: 'admin', desks: [] }).commands).toEqual([]);
  });

  it('tells a colleague who holds the dossier, and offers them nothing', () => {
    const s = new DossierScenario(cat.latest('pbg')!);
    s.register();
    s.when(officers.backOffice, { type: 'ClaimDossier', data: {} });
    expect(availableCommands(s.state, s.definition, officers.backOffice2)).toEqual({ desk: 'back-office', heldBy: 'bo-1', commands: [] });
    checkEveryone(s);
  });

  it('after a negative recommendation the decision desk is offered only the rejection (D6)', () => {
    const s = new DossierScenario(cat.latest('pbg')!);
    s.register();
    const trail = walk(
      s,
      (o) => !(o.type === 'RecordRecommendation' && o.positive) && o.type !== 'RejectDossier' && o.type !== 'ReturnForCorrection',
    );
    expect(trail.some((t) => t.endsWith(':RecordRecommendation'))).toBe(true);
    expect(s.state.status).toBe('rejected');
    expect(trail.at(-1)).toMatch(/:RejectDossier$/);
  });
});
