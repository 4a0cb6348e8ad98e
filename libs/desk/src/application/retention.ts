import { DomainError, RETENTION_JOB, type ServiceCatalogue } from '#berkas/domain';
import { ConcurrencyError } from '#berkas/event-store';
import type { Queryable } from '#berkas/sql';
import type { DossierCommandService } from './dossier-command.service.js';

/**
 * Applies the files' retention where it has run out (issue 22): for each
 * definition with a `retention`, the dossiers under it closed longer ago than
 * its years and not yet done get `RetentionApplied` (decided on the stream,
 * which checks the same). The file
 * sweep then disposes of the files no other dossier still holds. Read from
 * the officers' read model, which may lag by seconds on a term of years.
 */
export async function applyDueRetention(
  db: Queryable,
  catalogue: ServiceCatalogue,
  service: DossierCommandService,
  now: string,
  batch = 100,
): Promise<string[]> {
  const applied: string[] = [];
  // Per definition version: a dossier is due by its own definition's years, so none waits in a batch it cannot leave.
  for (const def of catalogue.definitions()) {
    if (!def.retention) continue;
    const { rows } = await db.query<{ dossier_id: string }>(
      `SELECT dossier_id FROM rm_dossiers -- tenant: retention is the law's, in every MPP alike
        WHERE service_code = $1 AND (summary->'service'->>'version')::int = $2
          AND closed_at IS NOT NULL AND closed_at < $3::timestamptz - make_interval(years => $4)
          AND NOT (summary ? 'retention')
        ORDER BY closed_at LIMIT $5`,
      [def.code, def.version, now, def.retention.filesYears, batch],
    );
    for (const { dossier_id: id } of rows)
      try {
        const r = await service.execute(id, {
          type: 'ApplyRetention',
          data: {},
          metadata: { commandId: `retention:${id}`, actor: RETENTION_JOB, at: now },
        });
        if (r.eventTypes.length) applied.push(id);
      } catch (e) {
        // Changed meanwhile, or closed again (a revocation) since the read model was written: a later round.
        if (!(e instanceof DomainError) && !(e instanceof ConcurrencyError)) throw e;
      }
  }
  return applied;
}
