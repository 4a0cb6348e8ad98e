import { dossierStream } from '#berkas/domain';
import type { EventStore } from '#berkas/event-store';
import { toProjected } from '../projector/projection.js';
import type { HistoryEntry } from '../officer-views/views.js';

/**
 * The officers' audit trail of a dossier: every event of its stream, who and when, read from the event store itself
 * (D58). It used to be a projection (`rm_history`), a second copy of the whole log that every rebuild wrote again;
 * the log is the trail, and one dossier's stream is one indexed read on either adapter. `upTo`: the version the
 * officer's view shows, so the trail and the summary beside it describe the same dossier.
 */
export async function auditTrail(store: EventStore, dossierId: string, upTo: number): Promise<HistoryEntry[]> {
  const { events } = await store.readStream(dossierStream(dossierId));
  return events
    .filter((e) => e.streamVersion <= upTo)
    .map((stored) => {
      const p = toProjected(stored)!;
      return {
        version: stored.streamVersion,
        type: stored.type,
        at: new Date(p.at).toISOString(),
        officerId: p.officerId ?? null,
        data: stored.data,
      };
    });
}
