import type { OfficerClaims } from '../auth/officer.guard.js';

/**
 * Who publishes to the catalogue stream (issue 23: service versions, holidays, the national calendar, desks), when and
 * why, read once: `signed` is what the publication itself records, `metadata` the event's (actor and MPP, as the
 * command path stamps them).
 */
export function publishedBy(o: OfficerClaims, at: string, reason: string) {
  return {
    signed: { reason: reason.trim(), publishedAt: at, publishedBy: o.officerId },
    metadata: { at, actor: { officerId: o.officerId, role: o.role }, tenant: o.tenant },
  };
}
