import type { DossierEvent } from '#berkas/domain';
import type { Queryable, StoredEvent } from '#berkas/event-store';

/** A stored dossier event with its typed payload and who/when from the metadata. */
export interface ProjectedEvent {
  stored: StoredEvent;
  event: DossierEvent;
  dossierId: string;
  at: string;
  officerId: string | undefined;
}

/**
 * A read model kept up to date from the event log. `apply` runs inside the
 * transaction that also moves the projection's checkpoint, and must be a
 * no-op for an event it has already applied.
 */
export interface Projection {
  readonly name: string;
  /** CREATE TABLE IF NOT EXISTS ... for its tables. */
  readonly schema: string;
  /** Tables emptied by a rebuild. */
  readonly tables: string[];
  apply(tx: Queryable, e: ProjectedEvent): Promise<void>;
  /** Several events at once, in log order: same effect as applying them one by one, fewer round trips. */
  applyBatch?(tx: Queryable, events: ProjectedEvent[]): Promise<void>;
}

export function toProjected(stored: StoredEvent): ProjectedEvent | undefined {
  if (!stored.streamId.startsWith('dossier-')) return undefined;
  const meta = stored.metadata as { at?: string; actor?: { officerId?: string } };
  return {
    stored,
    event: { type: stored.type, data: stored.data } as DossierEvent,
    dossierId: stored.streamId.slice('dossier-'.length),
    at: meta.at ?? stored.recordedAt,
    officerId: meta.actor?.officerId,
  };
}
