import { maskName, publicTimelineText, type ServiceCatalogue, type SignedDocument } from '#berkas/domain';
import type { Queryable } from '#berkas/sql';
import { singleKey } from '../projector/single-key.js';
import { foldNewEvents, reduceSummary, type DossierSummary, type SummaryRow } from '../summary/dossier-summary.js';
import { RebuildMemory, type ProjectedEvent, type Projection } from '../projector/projection.js';
import { DEFAULT_TENANT_CODE, tenantColumn } from '../tenancy.js';

const schema = (home: string) => `
CREATE TABLE IF NOT EXISTS pub_tracking (
  dossier_id text PRIMARY KEY,
  registration_number text NOT NULL,
  last_version integer NOT NULL,
  state jsonb NOT NULL
);
CREATE TABLE IF NOT EXISTS pub_timeline (
  event_id uuid NOT NULL,
  dossier_id text NOT NULL,
  stream_version integer NOT NULL,
  at timestamptz NOT NULL,
  text jsonb NOT NULL,
  PRIMARY KEY (dossier_id, stream_version)
);
${singleKey('pub_timeline', 'pub_timeline_dossier')}
CREATE TABLE IF NOT EXISTS pub_permits (
  verification_code text PRIMARY KEY,
  registration_number text NOT NULL,
  permit_number text NOT NULL,
  service_name jsonb NOT NULL,
  holder_masked text NOT NULL,
  issued_at timestamptz NOT NULL
);
-- Revocation (pencabutan): the QR code then says the permit is no longer valid, and why.
ALTER TABLE pub_permits ADD COLUMN IF NOT EXISTS revoked_at timestamptz;
ALTER TABLE pub_permits ADD COLUMN IF NOT EXISTS revocation_reason text;
-- Who signed the permit electronically, and when (null: signed before permits carried a PAdES signature).
ALTER TABLE pub_permits ADD COLUMN IF NOT EXISTS signature jsonb;
-- The row's version follows every event of the stream (D36); rows from before may lag behind officer-only events.
ALTER TABLE pub_tracking ADD COLUMN IF NOT EXISTS version_checked boolean NOT NULL DEFAULT false;
-- The receipt PIN is recomputed from PIN_SECRET (D21): the hash this column held was never read.
ALTER TABLE pub_tracking DROP COLUMN IF EXISTS pin_hash;
-- Each MPP's public page (issue 23): a receipt of one MPP is unknown at another's.
${tenantColumn('pub_tracking', home)}
${tenantColumn('pub_timeline', home)}
${tenantColumn('pub_permits', home)}
ALTER TABLE pub_tracking DROP CONSTRAINT IF EXISTS pub_tracking_registration_number_key;
CREATE UNIQUE INDEX IF NOT EXISTS pub_tracking_tenant_number ON pub_tracking (tenant_id, registration_number);`;

/** What the verification page says of a permit's signature: the official and their office, when, with which certificate. */
export interface PublicSignature {
  official: { name: string; title: string };
  signedAt: string;
  demo: boolean;
  certificateIssuer: string;
  /** SHA-256 of the signed file: anyone can check that the file they hold is the one issued. */
  sha256: string;
}

const publicSignature = (s: SignedDocument | undefined): PublicSignature | undefined =>
  s && {
    official: { name: s.official.name, title: s.official.title },
    signedAt: s.signedAt,
    demo: s.demo,
    certificateIssuer: s.certificate.issuer,
    sha256: s.sha256,
  };

/** Events that only concern officers: the public side never sees them. */
const OFFICER_ONLY = new Set(['DossierClaimed', 'DossierReleased', 'DossierReassigned']);

/**
 * The public side, read by the tracking app. Private data never enters these
 * tables: the applicant's name is masked before it is stored, the NIK is
 * dropped, and officer events are skipped, so no officer name can leak.
 */
export class PublicTrackingProjection implements Projection {
  readonly name = 'public-tracking';
  readonly schema: string;
  readonly tables = ['pub_tracking', 'pub_timeline', 'pub_permits'];

  /** `home`: the tenant of dossiers registered before tenants existed. */
  constructor(
    private readonly catalogue: ServiceCatalogue,
    private readonly home = DEFAULT_TENANT_CODE,
  ) {
    this.schema = schema(home);
  }

  apply(tx: Queryable, p: ProjectedEvent): Promise<void> {
    return this.applyBatch(tx, [p]);
  }

  rebuilding(remembered?: number) {
    const memory = new RebuildMemory<SummaryRow>(remembered);
    return { applyBatch: (tx: Queryable, events: ProjectedEvent[]) => this.applyBatch(tx, events, memory) };
  }

  async applyBatch(tx: Queryable, events: ProjectedEvent[], memory?: RebuildMemory<SummaryRow>): Promise<void> {
    if (!events.length) return;
    const ids = [...new Set(events.map((e) => e.dossierId))];
    const toRead = memory ? memory.unknown(events) : ids;
    const { rows } = toRead.length
      ? await tx.query<{ dossier_id: string; last_version: number; state: DossierSummary; version_checked: boolean }>(
          'SELECT dossier_id, last_version, state, version_checked FROM pub_tracking WHERE dossier_id = ANY($1) FOR UPDATE -- tenant: the dossiers of the events applied',
          [toRead],
        )
      : { rows: [] };
    const current = new Map<string, SummaryRow>(
      rows.map((r) => [r.dossier_id, { version: r.last_version, summary: r.state, unchecked: !r.version_checked }]),
    );
    if (memory)
      for (const id of ids) {
        const known = memory.get(id);
        if (known) current.set(id, { version: known.version, summary: known.summary! });
      }
    const timeline: unknown[] = [];
    const changed = await foldNewEvents(
      events,
      current,
      // Officer-only events change nothing the public sees, but they count: the row's version follows the stream, so a
      // gap in it is seen (D36).
      (prev, p) => (OFFICER_ONLY.has(p.event.type) ? prev : reduceSummary(prev, this.sanitize(p), this.catalogue)),
      async (p, next) => {
        if (OFFICER_ONLY.has(p.event.type)) return;
        const stepId = p.event.type === 'StepStarted' || p.event.type === 'StepCompleted' ? p.event.data.stepId : undefined;
        const step = stepId ? this.catalogue.get(next.service.code, next.service.version)?.steps.find((s) => s.id === stepId) : undefined;
        const text = publicTimelineText(p.event, step);
        if (text)
          timeline.push({
            event_id: p.stored.eventId,
            dossier_id: p.dossierId,
            tenant_id: next.tenant ?? this.home,
            stream_version: p.stored.streamVersion,
            at: p.at,
            text,
          });
        if (p.event.type === 'PermitRevoked' && next.permit)
          await tx.query('UPDATE pub_permits SET revoked_at = $2, revocation_reason = $3 WHERE verification_code = $1 AND tenant_id = $4', [
            next.permit.verificationCode,
            p.at,
            p.event.data.reason,
            next.tenant ?? this.home,
          ]);
        if (p.event.type === 'PermitIssued') {
          await tx.query(
            `INSERT INTO pub_permits (verification_code, registration_number, permit_number, service_name, holder_masked, issued_at, signature, tenant_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
            [
              p.event.data.verificationCode,
              next.registrationNumber,
              p.event.data.permitNumber,
              JSON.stringify(next.service.name),
              next.applicantMasked,
              p.at,
              JSON.stringify(publicSignature(next.permit?.signature) ?? null),
              next.tenant ?? this.home,
            ],
          );
        }
      },
    );
    if (changed.size) {
      const records = [...changed].map(([id, r]) => ({
        dossier_id: id,
        tenant_id: r.summary.tenant ?? this.home,
        registration_number: r.summary.registrationNumber,
        last_version: r.version,
        state: r.summary,
      }));
      await tx.query(
        `INSERT INTO pub_tracking (dossier_id, tenant_id, registration_number, last_version, state, version_checked)
         SELECT dossier_id, tenant_id, registration_number, last_version, state, true
           FROM jsonb_to_recordset($1::jsonb) AS r(dossier_id text, tenant_id text, registration_number text, last_version integer, state jsonb)
         ON CONFLICT (dossier_id) DO UPDATE SET last_version = EXCLUDED.last_version, state = EXCLUDED.state, version_checked = true`,
        [JSON.stringify(records)],
      );
    }
    if (timeline.length)
      await tx.query(
        `INSERT INTO pub_timeline (event_id, dossier_id, tenant_id, stream_version, at, text)
         SELECT event_id, dossier_id, tenant_id, stream_version, at, text
           FROM jsonb_to_recordset($1::jsonb) AS t(event_id uuid, dossier_id text, tenant_id text, stream_version integer, at timestamptz, text jsonb)
         ON CONFLICT (dossier_id, stream_version) DO NOTHING`,
        [JSON.stringify(timeline)],
      );
    // Remembered only once written: a batch that failed (and was applied again dossier by dossier) leaves no trace here.
    if (memory) for (const [id, row] of changed) memory.set(id, row);
  }

  private sanitize(p: ProjectedEvent): ProjectedEvent {
    // The desks' and supervisors' reasons for a change of route are theirs (issue 23): the public row keeps that it happened.
    if (p.event.type === 'DossierSentBack')
      return { ...p, officerId: undefined, event: { ...p.event, data: { ...p.event.data, reasons: [] } } };
    if (p.event.type === 'DossierMigrated' || p.event.type === 'DossierStepRepaired')
      return { ...p, officerId: undefined, event: { ...p.event, data: { ...p.event.data, reason: '' } } as typeof p.event };
    if (p.event.type !== 'DossierRegistered') return { ...p, officerId: undefined };
    const masked = maskName(p.event.data.applicant.name);
    return {
      ...p,
      officerId: undefined,
      event: { ...p.event, data: { ...p.event.data, applicant: { name: masked, nik: '' } } },
    };
  }
}
