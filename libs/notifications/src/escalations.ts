import type { ServiceCatalogue, WorkingCalendar } from '#berkas/domain';
import { dueEscalations, recordEscalations, type EscalationRow } from '#berkas/read-models';
import type { SqlDatabase } from '#berkas/sql';
import { stableUuid } from './stable-id.js';

/**
 * Tells the supervisors about deadlines (issue 20): records what is due now
 * in the console's notice centre (a step at `share` of its time, a step
 * overdue, a fiktif positif deadline within the next working day), each once,
 * and queues an e-mail per new notice to every address `emails` gives for the dossier's MPP, through
 * the notice outbox. Answers the notices recorded now.
 */
export async function escalateDeadlines(
  db: SqlDatabase,
  catalogue: ServiceCatalogue,
  /** Each MPP's working days. */
  calendarOf: (tenant: string) => WorkingCalendar,
  now: string,
  /** `emails`: who is told, by the MPP of the dossier. */
  o: { share: number; emails: (tenant: string) => string[] },
): Promise<EscalationRow[]> {
  const fresh = await recordEscalations(db, await dueEscalations(db, catalogue, calendarOf, now, o.share));
  for (const e of fresh) {
    const def = catalogue.newest(e.serviceCode);
    const step = def?.steps.find((s) => s.id === e.stepId);
    const params = { escalation: e.kind, service: def?.name, step: step?.label, desks: e.desks, dueAt: e.dueAt, dossierId: e.dossierId };
    for (const to of o.emails(e.tenant))
      await db.query(
        `INSERT INTO nt_outbox (event_id, channel, dossier_id, registration_number, kind, language, recipient, params, created_at, next_attempt_at, tenant_id)
         VALUES ($1, 'email', $2, $3, 'escalation', 'id', $4, $5, $6, $6, $7) ON CONFLICT (event_id, channel) DO NOTHING`,
        [stableUuid(`escalation/${e.id}/${to}`), e.dossierId, e.registrationNumber, to, JSON.stringify(params), now, e.tenant],
      );
  }
  return fresh;
}
