import { createHash, randomUUID } from 'node:crypto';
import { ValidationProblem } from '../../../platform/src/problem-details.filter.js';
import type { CommandOutcome } from '../application/dossier-command.service.js';
import type { OfficerClaims } from '../auth/officer.guard.js';

// The two command headers: If-Match (the version acted on) and Idempotency-Key.

export function expectedVersion(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined) return undefined;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(ifMatch.trim());
  if (!m) throw new ValidationProblem([{ field: 'If-Match', reason: 'must be the dossier version (a number) from the ETag' }]);
  return Number(m[1]);
}

export function commandId(officer: OfficerClaims, key: string | undefined): string {
  if (key === undefined) return randomUUID();
  if (!/^[\x21-\x7e]{1,200}$/.test(key))
    throw new ValidationProblem([{ field: 'Idempotency-Key', reason: 'must be 1-200 visible ASCII characters' }]);
  // Scoped to the officer, so two officers' keys can never collide.
  return createHash('sha256').update(`${officer.officerId}\n${key}`).digest('hex');
}

export const outcomeView = (o: CommandOutcome) => ({
  dossierId: o.dossierId,
  version: o.version,
  duplicate: o.duplicate,
  events: o.events.map((e) => e.type),
});
