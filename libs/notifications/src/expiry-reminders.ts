import { permitValidUntil, type ServiceCatalogue } from '#berkas/domain';
import type { SqlDatabase } from '#berkas/sql';
import { stableUuid } from './stable-id.js';

/** The outbox key of one reminder (dossier, days before): queued once however often the job runs. */
export const reminderId = (dossierId: string, days: number): string => stableUuid(`expiry-reminder/${dossierId}/${days}`);

interface PermitRow {
  dossier_id: string;
  registration_number: string;
  permit_number: string;
  service_code: string;
  service_version: number;
  issued_at: string;
}

/**
 * Queues a reminder to the holder of every permit that lapses within one of
 * its service's reminder windows (`expiryReminders`, days before the end of
 * its validity): to the contacts the applicant gave with consent, in their
 * language, through the same outbox as every notice. A permit revoked, already
 * lapsed, or with a renewal under way (a later dossier names it as its
 * previous permit) is left alone. Answers the reminders queued now.
 */
export async function remindExpiringPermits(db: SqlDatabase, catalogue: ServiceCatalogue, now: string): Promise<string[]> {
  // Only permits old enough to be in some service's window are read: issued before now, less the shortest validity,
  // plus the widest window (the register's other permits are years from lapsing).
  const dated = catalogue.definitions().flatMap((d) => (d.validity.kind === 'years' ? [d] : []));
  if (!dated.length) return [];
  const shortest = Math.min(...dated.map((d) => (d.validity.kind === 'years' ? d.validity.years : Infinity)));
  const widest = Math.max(...dated.flatMap((d) => d.expiryReminders));
  const cutoff = new Date(Date.parse(now) + widest * 86_400_000);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - shortest);
  // The permits a renewal or amendment under way names, once (an anti-join, not a scan per permit).
  const { rows } = await db.query<PermitRow>(
    `-- tenant: every MPP's permits (a renewal is always in the permit's own MPP)
     WITH renewing AS (
       SELECT DISTINCT summary->'previousPermit'->>'permitNumber' AS permit_number FROM rm_dossiers
        WHERE summary ? 'previousPermit' AND lifecycle NOT IN ('rejected', 'withdrawn'))
     SELECT d.dossier_id, d.registration_number, d.permit_number, d.service_code,
            (d.summary->'service'->>'version')::int AS service_version, d.summary->'permit'->>'issuedAt' AS issued_at
       FROM rm_dossiers d
       JOIN nt_contacts c ON c.dossier_id = d.dossier_id
       LEFT JOIN renewing r ON r.permit_number = d.permit_number
      WHERE d.permit_number IS NOT NULL AND d.lifecycle IN ('issued', 'handed-over') AND r.permit_number IS NULL
        AND (d.summary->'permit'->>'issuedAt')::timestamptz <= $1`,
    [cutoff.toISOString()],
  );
  const queued: string[] = [];
  const at = Date.parse(now);
  for (const r of rows) {
    const def = catalogue.get(r.service_code, r.service_version);
    if (!def) continue;
    const validUntil = permitValidUntil(def.validity, r.issued_at);
    if (!validUntil || Date.parse(validUntil) <= at) continue;
    const daysLeft = (Date.parse(validUntil) - at) / 86_400_000;
    // The nearest window reached: a permit found 10 days before its end gets the 14-day reminder, not also the 60-day one.
    const window = [...def.expiryReminders].sort((a, b) => a - b).find((d) => daysLeft <= d);
    if (window === undefined) continue;
    const params = {
      service: def.name,
      permitNumber: r.permit_number,
      validUntil,
      days: window,
      ...(def.notices.expiring ? { note: def.notices.expiring } : {}),
    };
    const inserted = await db.query<{ channel: string }>(
      `INSERT INTO nt_outbox (event_id, channel, dossier_id, registration_number, kind, language, recipient, params, created_at, next_attempt_at, tenant_id)
       SELECT $1::uuid, ch.channel, c.dossier_id, c.registration_number, 'expiring', c.language, ch.recipient, $2::jsonb, $3::timestamptz, $3::timestamptz, c.tenant_id
         FROM nt_contacts c
         CROSS JOIN LATERAL (VALUES ('phone', c.phone), ('email', c.email)) AS ch(channel, recipient)
        WHERE c.dossier_id = $4 AND ch.recipient IS NOT NULL
       ON CONFLICT (event_id, channel) DO NOTHING
       RETURNING channel`,
      [reminderId(r.dossier_id, window), JSON.stringify(params), now, r.dossier_id],
    );
    if (inserted.rows.length) queued.push(`${r.permit_number} (${window} hari)`);
  }
  return queued;
}
