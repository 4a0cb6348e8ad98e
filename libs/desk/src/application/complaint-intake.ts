import { DomainError, type Actor, type WorkingCalendar } from '#berkas/domain';
import { ConcurrencyError } from '#berkas/event-store';
import { type Queryable } from '#berkas/sql';
import { markTakenIn, waitingComplaints } from '#berkas/public-inbox';
import type { DossierCommandService } from './dossier-command.service.js';

/** Who takes complaints in from the public page: the applicant proved the PIN there. */
export const COMPLAINT_INTAKE: Actor = { officerId: 'system-complaints', role: 'system', desks: [] };

/**
 * Takes the complaints filed on the public page into their dossiers'
 * histories (ComplaintFiled), with the deadline to answer by in working days.
 * The inbox row's id is the command id, so a crash between the append and
 * the mark takes it in once (D35).
 */
export async function takeInComplaints(
  db: Queryable,
  calendar: WorkingCalendar,
  service: DossierCommandService,
  workingDays: number,
): Promise<string[]> {
  const taken: string[] = [];
  for (const c of await waitingComplaints(db)) {
    try {
      await service.execute(
        c.dossierId,
        {
          type: 'FileComplaint',
          data: {
            complaintNumber: c.complaintNumber,
            category: c.category,
            text: c.text,
            respondBy: calendar.addWorkingDays(c.filedAt, workingDays).dueAt,
          },
          metadata: { commandId: `complaint:${c.id}`, actor: COMPLAINT_INTAKE, at: c.filedAt },
        },
        { fingerprint: c.id },
      );
      await markTakenIn(db, c.id);
      taken.push(c.complaintNumber);
    } catch (e) {
      // A concurrent change: the next round tries again. Anything else is a bug worth the log.
      if (!(e instanceof ConcurrencyError) && !(e instanceof DomainError)) throw e;
    }
  }
  return taken;
}
