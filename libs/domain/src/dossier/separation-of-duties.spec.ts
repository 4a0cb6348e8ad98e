import { availableCommands } from './available-commands.js';
import type { Actor } from './dossier-commands.js';
import { catalogue, DossierScenario, officers, pbg, pbgThroughReview, refusal } from '#berkas/domain/testing';

/** One account given every back-office desk (issue 20: it verified, approved, signed and issued the same permit). */
const omni: Actor = { officerId: 'omni-1', role: 'processor', desks: ['back-office', 'retribusi', 'kabid', 'kepala-dinas', 'tata-usaha'] };

/** PBG at the decision desk, verified by `verifier`, the fee paid. */
function atDecision(verifier: Actor): DossierScenario {
  const s = pbg();
  s.register();
  s.act(verifier, { type: 'CompleteStep', data: { outcome: 'forward' } });
  s.act(officers.tpa, { type: 'RecordRecommendation', data: { positive: true, note: 'memenuhi standar teknis' } });
  s.act(officers.pupr, { type: 'RecordRecommendation', data: { positive: true, note: 'SPPST terbit' } });
  s.act(officers.cashier, { type: 'AssessFee', data: {} });
  s.when(officers.cashier, { type: 'RecordPayment', data: { reference: 'BPD-1', amount: s.state.fee!.total, channel: 'bank' } });
  s.when(officers.cashier, { type: 'CompleteStep', data: { outcome: 'forward' } });
  return s;
}

describe('separation of duties: verification, decision, signature and issuance in four hands', () => {
  it('refuses the decision to the officer who verified the dossier, and offers it nothing but a release', () => {
    const s = atDecision(omni);
    expect(refusal(() => s.when(omni, { type: 'ApproveDossier', data: {} }))).toBe('AUTH.SEPARATION_OF_DUTIES');
    expect(refusal(() => s.when(omni, { type: 'RejectDossier', data: { reasons: ['x'] } }))).toBe('AUTH.SEPARATION_OF_DUTIES');
    expect(availableCommands(s.state, s.definition, omni)).toEqual({ desk: 'kabid', separatedBy: 'review', commands: [] });
  });

  it('keeps the decider from signing, and the decider and the signer from issuing', () => {
    const s = atDecision(officers.backOffice);
    // The all-desk account decides (it did not verify this one) ...
    s.act(omni, { type: 'ApproveDossier', data: {} });
    // ... so it may not sign it; the Kepala Dinas signs.
    expect(refusal(() => s.when(omni, { type: 'SignPermit', data: {} }))).toBe('AUTH.SEPARATION_OF_DUTIES');
    expect(availableCommands(s.state, s.definition, omni).separatedBy).toBe('decision');
    s.act(officers.kadis, { type: 'SignPermit', data: {} });
    expect(refusal(() => s.when(omni, { type: 'IssuePermit', data: { verificationCode: 'v'.repeat(16) } }))).toBe(
      'AUTH.SEPARATION_OF_DUTIES',
    );
    s.act(officers.records, { type: 'IssuePermit', data: { verificationCode: 'v'.repeat(16) } });
    expect(s.state.status).toBe('issued');
  });

  it('keeps the signer from issuing', () => {
    const s = atDecision(officers.backOffice);
    s.act(officers.kabid, { type: 'ApproveDossier', data: {} });
    s.act(omni, { type: 'SignPermit', data: {} });
    expect(refusal(() => s.when(omni, { type: 'IssuePermit', data: { verificationCode: 'v'.repeat(16) } }))).toBe(
      'AUTH.SEPARATION_OF_DUTIES',
    );
  });

  it('lets a service that keeps no separation have one officer do it all', () => {
    const def = { ...catalogue().latest('pbg')!, separationOfDuties: false };
    const s = new DossierScenario(def);
    pbgThroughReview(s);
    expect(availableCommands(s.state, def, omni).separatedBy).toBeUndefined();
  });
});
