import { LRUCache } from 'lru-cache';
import { dossierIdOf, type DossierEvent } from '#berkas/domain';
import type { StoredEvent } from '#berkas/event-store';
import type { Queryable } from '#berkas/sql';

/** A stored dossier event with its typed payload and who/when from the metadata. */
export interface ProjectedEvent {
  stored: StoredEvent;
  event: DossierEvent;
  dossierId: string;
  at: string;
  officerId: string | undefined;
  /** The MPP the dossier belongs to, from the metadata the command path stamps (absent before tenants: the home one). */
  tenant: string | undefined;
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
  /**
   * For a rebuild, when this projection alone writes its emptied tables: an
   * applier that may remember what it wrote instead of reading it back.
   */
  rebuilding?(remembered?: number): { applyBatch(tx: Queryable, events: ProjectedEvent[]): Promise<void> };
}

/**
 * What a projection remembers of the rows it wrote during a rebuild, when it
 * alone writes its (truncated) tables: a dossier met again in a later page is
 * not read back, and a dossier whose first event in the page is its
 * registration has nothing to read. Bounded: a dossier forgotten is read back.
 */
export class RebuildMemory<T extends object = object> {
  private readonly rows: LRUCache<string, T>;

  constructor(max = 5_000) {
    this.rows = new LRUCache({ max });
  }

  get(dossierId: string): T | undefined {
    return this.rows.get(dossierId);
  }

  set(dossierId: string, row: T): void {
    this.rows.set(dossierId, row);
  }

  /** The dossiers of a page whose rows must be read from the tables. */
  unknown(events: ProjectedEvent[]): string[] {
    const first = new Map<string, number>();
    for (const e of events) if (!first.has(e.dossierId)) first.set(e.dossierId, e.stored.streamVersion);
    return [...first].filter(([id, version]) => version > 1 && !this.rows.has(id)).map(([id]) => id);
  }
}

export function toProjected(stored: StoredEvent): ProjectedEvent | undefined {
  const dossierId = dossierIdOf(stored.streamId);
  if (dossierId === undefined) return undefined;
  const meta = stored.metadata as { at?: string; actor?: { officerId?: string }; tenant?: string };
  const registeredAt = stored.type === 'DossierRegistered' ? (stored.data as { tenant?: string }).tenant : undefined;
  return {
    stored,
    event: { type: stored.type, data: stored.data } as DossierEvent,
    dossierId,
    at: meta.at ?? stored.recordedAt,
    officerId: meta.actor?.officerId,
    tenant: meta.tenant ?? registeredAt,
  };
}
