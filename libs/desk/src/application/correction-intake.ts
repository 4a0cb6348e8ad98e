import { DomainError, ONLINE_APPLICANT, type DossierCommand } from '#berkas/domain';
import { ConcurrencyError } from '#berkas/event-store';
import { markCorrectionTakenIn, waitingCorrections } from '#berkas/public-inbox';
import type { Queryable } from '#berkas/sql';
import type { DossierCommandService } from './dossier-command.service.js';

/**
 * Takes the corrections handed in on the public page into their dossiers
 * (issue 22): each file attached in the applicant's name (DocumentAttached by
 * ONLINE_APPLICANT), then the dossier resubmitted (CorrectionsResubmitted)
 * with the applicant's note. The command ids derive from the inbox row, so a
 * crash half-way takes the rest in on the next round, nothing twice. A
 * dossier no longer with the applicant (the counter took paper corrections
 * meanwhile) is marked so, with the files left unattached; the sweep removes
 * them after its grace period.
 */
export async function takeInCorrections(db: Queryable, service: DossierCommandService): Promise<string[]> {
  const taken: string[] = [];
  for (const c of await waitingCorrections(db)) {
    const run = (commandId: string, type: 'AttachDocument' | 'ResubmitCorrections', data: object) =>
      service.execute(c.dossierId, { type, data, metadata: { commandId, actor: ONLINE_APPLICANT, at: c.filedAt } } as DossierCommand, {
        fingerprint: commandId,
      });
    try {
      for (const [i, f] of c.files.entries()) await run(`correction:${c.id}:${i}`, 'AttachDocument', f);
      const note = c.note || 'Perbaikan dikirim daring oleh pemohon / Corrections sent online by the applicant';
      await run(`correction:${c.id}`, 'ResubmitCorrections', { note });
      await markCorrectionTakenIn(db, c.id, 'resubmitted');
      taken.push(c.dossierId);
    } catch (e) {
      if (e instanceof DomainError) await markCorrectionTakenIn(db, c.id, `refused: ${e.code}`);
      // A concurrent change: the next round tries again. Anything else is a bug worth the log.
      else if (!(e instanceof ConcurrencyError)) throw e;
    }
  }
  return taken;
}
