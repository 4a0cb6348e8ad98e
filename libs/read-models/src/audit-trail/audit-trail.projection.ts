import type { Queryable } from '#berkas/sql';
import type { ProjectedEvent, Projection } from '../projector/projection.js';
import { singleKey } from '../projector/single-key.js';

const SCHEMA = `
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
${singleKey('rm_history', 'rm_history_dossier')}`;

/**
 * The officers' audit trail: every dossier event, who and when, without the
 * PIN hash. A projection of its own (D26): it keeps no state, so a rebuild
 * writes it on a connection of its own beside the dossier views.
 */
export class AuditTrailProjection implements Projection {
  readonly name = 'audit-trail';
  readonly schema = SCHEMA;
  readonly tables = ['rm_history'];

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
        stream_version: p.stored.streamVersion,
        type: p.event.type,
        at: p.at,
        officer_id: p.officerId ?? null,
        data,
      };
    });
    await tx.query(
      `INSERT INTO rm_history (event_id, dossier_id, stream_version, type, at, officer_id, data)
       SELECT event_id, dossier_id, stream_version, type, at, officer_id, data
         FROM jsonb_to_recordset($1::jsonb) AS h(event_id uuid, dossier_id text, stream_version integer, type text, at timestamptz, officer_id text, data jsonb)
       ON CONFLICT (dossier_id, stream_version) DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }
}
