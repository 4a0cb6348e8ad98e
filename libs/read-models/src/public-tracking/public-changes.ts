import type { Listening, SqlDatabase } from '#berkas/sql';

/** The signal a projector sends when applicants' rows changed, to the tracking processes' caches (D57). */
export const PUBLIC_CHANGES_CHANNEL = 'berkas_public';

/** What a signal means when it names no dossier: anything may have changed (too many to name). */
const EVERYTHING = '*';

/** PostgreSQL refuses a payload of 8,000 bytes or more: some 190 dossier ids per signal, so a batch sends a few. */
const PER_SIGNAL = 7_000;

/** How many signals one batch may send before it says "everything" instead (a rebuild, a large catch-up). */
const MOST_SIGNALS = 8;

/**
 * Tells the tracking processes of this deployment which dossiers' public rows a projector has just committed,
 * so they drop those entries from their caches at once rather than when the entries expire. Sent after the
 * commit: a lookup that read the old row before it is answered but not kept (`PublicReads`). A signal that is
 * lost (the database restarted between commit and signal) leaves an entry to its TTL, as before.
 */
export async function announcePublicChanges(db: SqlDatabase, dossierIds: Iterable<string>): Promise<void> {
  if (!db.notify) return;
  const payloads: string[] = [];
  let current = '';
  for (const id of dossierIds) {
    if (current.length + id.length + 1 > PER_SIGNAL) {
      payloads.push(current);
      current = '';
    }
    current = current ? `${current},${id}` : id;
  }
  if (current) payloads.push(current);
  if (payloads.length > MOST_SIGNALS) return db.notify(PUBLIC_CHANGES_CHANNEL, EVERYTHING);
  for (const payload of payloads) await db.notify(PUBLIC_CHANGES_CHANNEL, payload);
}

/**
 * Listens for `announcePublicChanges` in a process that does not project (a tracking process of its own):
 * `changed` gets the dossier ids, `everything` is called when a signal named too many to list, and when the
 * listening connection comes back after a loss (signals sent meanwhile are gone). Undefined on PGlite.
 */
export function followPublicChanges(
  db: SqlDatabase,
  changed: (dossierIds: string[]) => void,
  everything: () => void,
): Listening | undefined {
  return db.listen?.(
    PUBLIC_CHANGES_CHANNEL,
    (payload) => (payload === EVERYTHING || !payload ? everything() : changed(payload.split(','))),
    everything,
  );
}
