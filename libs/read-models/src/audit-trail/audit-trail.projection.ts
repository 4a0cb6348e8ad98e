import type { Queryable } from '#berkas/sql';
import type { ProjectedEvent, Projection } from '../projector/projection.js';
import { singleKey } from '../projector/single-key.js';
import { DEFAULT_TENANT_CODE, tenantColumn } from '../tenancy.js';

const schema = (home: string) => `
-- Keyed by the event's place in its stream: one index serves both the trail's order and "applied once".
CREATE TABLE IF NOT EXISTS rm_history (
  event_id uuid NOT NULL,
  dossier_id text NOT NULL,
  stream_version integer NOT NULL,
  type text NOT NULL,
  at timestamptz NOT NULL,
  officer_id text,
  data jsonb NOT NULL,
  PRIMARY KEY (dossier_id, stream_version)
);
${singleKey('rm_history', 'rm_history_dossier')}
${tenantColumn('rm_history', home)}`;

/**
 * The officers' audit trail: every dossier event, who and when, without the
 * PIN hash. A projection of its own (D26): it keeps no state, so a rebuild
 * writes it on a connection of its own beside the dossier views.
 */
export class AuditTrailProjection implements Projection {
  readonly name = 'audit-trail';
  readonly schema: string;
  readonly tables = ['rm_history'];

  /** `home`: the tenant of events written before tenants existed. */
  constructor(private readonly home = DEFAULT_TENANT_CODE) {
    this.schema = schema(home);
  }

  apply(tx: Queryable, p: ProjectedEvent): Promise<void> {
    return this.applyBatch(tx, [p]);
  }

  async applyBatch(tx: Queryable, events: ProjectedEvent[]): Promise<void> {
    if (!events.length) return;
    const rows = events.map((p) => {
      const data = p.event.data as unknown as Record<string, unknown>;
      return {
        event_id: p.stored.eventId,
        dossier_id: p.dossierId,
        tenant_id: p.tenant ?? this.home,
        stream_version: p.stored.streamVersion,
        type: p.event.type,
        at: p.at,
        officer_id: p.officerId ?? null,
        data,
      };
    });
    await tx.query(
      `INSERT INTO rm_history (event_id, dossier_id, tenant_id, stream_version, type, at, officer_id, data)
       SELECT event_id, dossier_id, tenant_id, stream_version, type, at, officer_id, data
         FROM jsonb_to_recordset($1::jsonb) AS h(event_id uuid, dossier_id text, tenant_id text, stream_version integer, type text, at timestamptz, officer_id text, data jsonb)
       ON CONFLICT (dossier_id, stream_version) DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }
}
