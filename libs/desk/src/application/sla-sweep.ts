import { DomainError, type Actor, type ServiceCatalogue } from '#berkas/domain';
import { ConcurrencyError } from '#berkas/event-store';
import { type Queryable } from '#berkas/sql';
import type { DossierSummary } from '#berkas/read-models';
import type { DossierCommandService } from './dossier-command.service.js';
import { newVerificationCode } from './document-numbers.js';

export const SLA_SWEEPER: Actor = { officerId: 'system-sla', role: 'system', desks: [] };

/**
 * Finds open dossiers of fiktif positif services whose service deadline has
 * lapsed without a decision, and records the deemed approval the law grants.
 * The read model only nominates candidates; the decider checks each again.
 */
export async function sweepLapsedDeadlines(
  db: Queryable,
  catalogue: ServiceCatalogue,
  service: DossierCommandService,
  now: string,
): Promise<{ deemedApproved: string[] }> {
  const { rows } = await db.query<{ dossier_id: string; summary: DossierSummary }>(
    `SELECT dossier_id, summary FROM rm_dossiers -- tenant: every MPP's; each dossier is decided with its own calendar
      WHERE lifecycle = 'in-process' AND due_at < $1 AND summary->'decision' = 'null'::jsonb
      ORDER BY due_at LIMIT 500`,
    [now],
  );
  const deemedApproved: string[] = [];
  for (const { dossier_id, summary } of rows) {
    if (!catalogue.get(summary.service.code, summary.service.version)?.fiktifPositif) continue;
    try {
      const out = await service.execute(dossier_id, {
        type: 'RecordDeemedApproval',
        // The deemed approval numbers the permit like an approval; a retried sweep answers the first outcome.
        data: { verificationCode: newVerificationCode() },
        // One command id per dossier and deadline: two sweepers at once append it once.
        metadata: { commandId: `fiktif-positif:${dossier_id}:${summary.due.dueAt}`, actor: SLA_SWEEPER, at: now },
      });
      if (!out.duplicate && out.eventTypes.length) deemedApproved.push(summary.registrationNumber);
    } catch (e) {
      // The dossier moved on since the read model saw it; the next sweep looks again.
      if (!(e instanceof DomainError) && !(e instanceof ConcurrencyError)) throw e;
    }
  }
  return { deemedApproved };
}
