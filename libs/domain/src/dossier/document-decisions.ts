import { DomainError } from '../shared/domain-error.js';
import type { DecideContext } from './decide-context.js';
import { isOnlineApplicant, RETENTION_JOB, type CommandOf } from './dossier-commands.js';
import type { DossierEvent } from './dossier-events.js';
import type { DossierState } from './dossier-state.js';
import { atDesk, ensureActive, ensureFree, requireRole } from './guards.js';

/**
 * A file attached to one of the service's requirements (issue 22). The front
 * desk attaches while the dossier is in process or back with the applicant
 * (the counter takes the corrections); a desk officer while the dossier waits
 * at their desk and nobody else holds it there; a supervisor at any time it is
 * open; the applicant online (ONLINE_APPLICANT) while the dossier is back with them. A replacement names the earlier file of the same requirement, which
 * stays in the trail.
 */
export function attachDocument(command: CommandOf<'AttachDocument'>, state: DossierState, ctx: DecideContext): DossierEvent[] {
  const actor = command.metadata.actor;
  // The applicant online: only their corrections, while the dossier is with them.
  if (isOnlineApplicant(actor)) {
    if (state.status !== 'returned')
      throw new DomainError('DOSSIER.NOT_RETURNED', 'Files are sent online only while the dossier is with the applicant for corrections');
  } else requireRole(actor, ['front-desk', 'processor', 'supervisor']);
  const { requirement, replaces } = command.data;
  if (!ctx.definition.requirements.some((r) => r.code === requirement))
    throw new DomainError('DOCUMENT.UNKNOWN_REQUIREMENT', `The service asks for no requirement "${requirement}"`, { requirement });
  let desk: string | undefined;
  if (actor.role === 'processor') {
    desk = atDesk(state, ctx, actor).desk;
    ensureFree(state, desk, actor);
  } else ensureActive(state, true);
  if (replaces !== undefined) {
    const earlier = state.documents?.[replaces];
    if (!earlier || earlier.requirement !== requirement || earlier.replaced)
      throw new DomainError('DOCUMENT.NOT_FOUND', 'The file to replace is not a current file of this requirement', { replaces });
  }
  // The same bytes attached again to the same requirement, and still current: nothing new (a retried upload).
  const same = state.documents?.[command.data.sha256];
  if (same && same.requirement === requirement && !same.replaced && replaces === undefined) return [];
  if (ctx.fileBytesPerDossier !== undefined) {
    const current = Object.entries(state.documents ?? {})
      .filter(([sha, d]) => !d.replaced && sha !== replaces && sha !== command.data.sha256)
      .reduce((sum, [, d]) => sum + d.size, 0);
    if (current + command.data.size > ctx.fileBytesPerDossier)
      throw new DomainError('DOCUMENT.DOSSIER_FULL', "The dossier's files would weigh more than its limit", {
        limitBytes: ctx.fileBytesPerDossier,
        currentBytes: current,
      });
  }
  return [{ type: 'DocumentAttached', data: { ...command.data, ...(desk ? { desk } : {}) } }];
}

/**
 * The files' retention (issue 22): once the dossier has been closed for the
 * service's `retention.filesYears`, its files are released for disposal; the
 * trail keeps that they existed (their hashes) and the papers issued stay.
 * Only the retention job applies it, once.
 */
export function applyRetention(command: CommandOf<'ApplyRetention'>, state: DossierState, ctx: DecideContext): DossierEvent[] {
  const { actor, at } = command.metadata;
  if (actor.role !== 'system' || actor.officerId !== RETENTION_JOB.officerId)
    throw new DomainError('AUTH.ROLE', 'Only the retention job applies retention');
  const retention = ctx.definition.retention;
  if (!retention) throw new DomainError('RETENTION.NOT_DUE', 'The service keeps its files: no retention is set');
  if (state.retentionApplied) return [];
  if (!state.closedAt) throw new DomainError('RETENTION.NOT_DUE', 'The dossier is not closed');
  const due = new Date(state.closedAt);
  due.setUTCFullYear(due.getUTCFullYear() + retention.filesYears);
  if (new Date(at) < due)
    throw new DomainError('RETENTION.NOT_DUE', `The files are kept until ${due.toISOString().slice(0, 10)}`, { until: due.toISOString() });
  return [
    {
      type: 'RetentionApplied',
      data: {
        files: Object.keys(state.documents ?? {}),
        filesYears: retention.filesYears,
        basis: retention.basis,
        closedAt: state.closedAt,
      },
    },
  ];
}
