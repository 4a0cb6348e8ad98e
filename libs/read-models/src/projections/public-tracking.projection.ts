import { maskName, publicTimelineText, type ServiceCatalogue } from '../../../domain/src/index.js';
import type { Queryable } from '../../../event-store/src/index.js';
import { reduceSummary, type DossierSummary } from './dossier-summary.js';
import type { ProjectedEvent, Projection } from './projection.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS pub_tracking (
  dossier_id text PRIMARY KEY,
  registration_number text NOT NULL UNIQUE,
  pin_hash text NOT NULL,
  last_version integer NOT NULL,
  state jsonb NOT NULL
);
CREATE TABLE IF NOT EXISTS pub_timeline (
  event_id uuid PRIMARY KEY,
  dossier_id text NOT NULL,
  stream_version integer NOT NULL,
  at timestamptz NOT NULL,
  text jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS pub_timeline_dossier ON pub_timeline (dossier_id, stream_version);
CREATE TABLE IF NOT EXISTS pub_permits (
  verification_code text PRIMARY KEY,
  registration_number text NOT NULL,
  permit_number text NOT NULL,
  service_name jsonb NOT NULL,
  holder_masked text NOT NULL,
  issued_at timestamptz NOT NULL
);`;

/** Events that only concern officers: the public side never sees them. */
const OFFICER_ONLY = new Set(['DossierClaimed', 'DossierReleased', 'DossierReassigned']);

/**
 * The public side, read by the tracking app. Private data never enters these
 * tables: the applicant's name is masked before it is stored, the NIK is
 * dropped, and officer events are skipped, so no officer name can leak.
 */
export class PublicTrackingProjection implements Projection {
  readonly name = 'public-tracking';
  readonly schema = SCHEMA;
  readonly tables = ['pub_tracking', 'pub_timeline', 'pub_permits'];

  constructor(private readonly catalogue: ServiceCatalogue) {}

  async apply(tx: Queryable, p: ProjectedEvent): Promise<void> {
    if (OFFICER_ONLY.has(p.event.type)) return;
    const { rows } = await tx.query<{ last_version: number; state: DossierSummary }>(
      'SELECT last_version, state FROM pub_tracking WHERE dossier_id = $1 FOR UPDATE',
      [p.dossierId],
    );
    const row = rows[0];
    if (row && p.stored.streamVersion <= row.last_version) return;
    const sanitized = this.sanitize(p);
    const next = reduceSummary(row?.state, sanitized, this.catalogue);
    if (!next) return;
    if (p.event.type === 'DossierRegistered') {
      await tx.query(
        `INSERT INTO pub_tracking (dossier_id, registration_number, pin_hash, last_version, state) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (dossier_id) DO NOTHING`,
        [p.dossierId, next.registrationNumber, p.event.data.pinHash, p.stored.streamVersion, JSON.stringify(next)],
      );
    } else {
      await tx.query('UPDATE pub_tracking SET last_version = $2, state = $3 WHERE dossier_id = $1', [
        p.dossierId,
        p.stored.streamVersion,
        JSON.stringify(next),
      ]);
    }
    const text = publicTimelineText(p.event);
    if (text) {
      await tx.query(
        `INSERT INTO pub_timeline (event_id, dossier_id, stream_version, at, text) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (event_id) DO NOTHING`,
        [p.stored.eventId, p.dossierId, p.stored.streamVersion, p.at, JSON.stringify(text)],
      );
    }
    if (p.event.type === 'PermitIssued') {
      await tx.query(
        `INSERT INTO pub_permits (verification_code, registration_number, permit_number, service_name, holder_masked, issued_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [
          p.event.data.verificationCode,
          next.registrationNumber,
          p.event.data.permitNumber,
          JSON.stringify(next.service.name),
          next.applicantMasked,
          p.at,
        ],
      );
    }
  }

  private sanitize(p: ProjectedEvent): ProjectedEvent {
    if (p.event.type !== 'DossierRegistered') return { ...p, officerId: undefined };
    const masked = maskName(p.event.data.applicant.name);
    return {
      ...p,
      officerId: undefined,
      event: { ...p.event, data: { ...p.event.data, applicant: { name: masked, nik: '' }, pinHash: '' } },
    };
  }
}
