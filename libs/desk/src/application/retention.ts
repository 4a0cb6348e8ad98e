import { DomainError, RETENTION_JOB, type ServiceCatalogue } from '#berkas/domain';
import { ConcurrencyError } from '#berkas/event-store';
import type { Queryable } from '#berkas/sql';
import type { DossierCommandService } from './dossier-command.service.js';

/**
 * Applies the files' retention where it has run out (issue 22): each service
 * with a `retention` in its definition, the dossiers closed longer ago than
 * its years and not yet done get `RetentionApplied` (decided on the stream:
 * a dossier under a definition that keeps longer is left for later). The file
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
  const shortest = new Map<string, number>();
  for (const d of catalogue.definitions())
    if (d.retention) shortest.set(d.code, Math.min(shortest.get(d.code) ?? Infinity, d.retention.filesYears));
  for (const [code, years] of shortest) {
    const { rows } = await db.query<{ dossier_id: string }>(
      `SELECT dossier_id FROM rm_dossiers
        WHERE service_code = $1 AND closed_at IS NOT NULL AND closed_at < $2::timestamptz - make_interval(years => $3)
          AND NOT (summary ? 'retention')
        ORDER BY closed_at LIMIT $4`,
      [code, now, years, batch],
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
        // Not due under the dossier's own definition, or changed meanwhile: a later round. Anything else: the log.
        if (!(e instanceof DomainError) && !(e instanceof ConcurrencyError)) throw e;
      }
  }
  return applied;
}
