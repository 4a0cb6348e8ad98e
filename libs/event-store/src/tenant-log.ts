import { checkpointOf, type Checkpoint, type EventStore, type StoredEvent } from './event-store.port.js';

/** Whose an event is: the MPP its metadata names, or (`unstamped`) none, as written before tenants. */
export function belongsTo(e: StoredEvent, tenant: string, unstamped: boolean): boolean {
  const named = (e.metadata as { tenant?: unknown } | undefined)?.tenant;
  return named === tenant || (unstamped && (named === undefined || named === null));
}

/**
 * One MPP's part of the log, as a read-only event store: readAll gives only
 * its events, in log order, with the same no-skip guarantee (issue 23: one
 * MPP's read models rebuilt without touching the others'). The adapter's
 * `readTenant` answers when it has one (PostgreSQL, by an index); otherwise
 * the whole log is read page by page and the MPP's events kept (EventStoreDB).
 * `unstamped`: the home MPP also owns the events written before tenants.
 */
export function tenantLog(store: EventStore, tenant: string, unstamped: boolean): EventStore {
  const filtered = async (after: Checkpoint, limit: number): Promise<StoredEvent[]> => {
    for (let from = after; ;) {
      const page = await store.readAll(from, Math.max(limit, 1_000));
      if (!page.length) return [];
      const kept = page.filter((e) => belongsTo(e, tenant, unstamped)).slice(0, limit);
      if (kept.length) return kept;
      from = checkpointOf(page[page.length - 1]);
    }
  };
  return {
    readStream: (streamId) => store.readStream(streamId),
    findCommand: (commandId) => store.findCommand(commandId),
    appendToStream: () => Promise.reject(new Error(`the log of ${tenant} alone is for reading`)),
    readAll: (after, limit) => (store.readTenant ? store.readTenant(tenant, unstamped, after, limit) : filtered(after, limit)),
    ...(store.countTenantEvents ? { countEvents: () => store.countTenantEvents!(tenant, unstamped) } : {}),
    // The store is the caller's to close.
    close: () => Promise.resolve(),
  };
}
