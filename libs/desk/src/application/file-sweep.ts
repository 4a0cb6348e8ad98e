import { checkpointOf, START, type Checkpoint, type EventStore } from '#berkas/event-store';
import type { FileStore } from '#berkas/files';
import { heldByWaitingCorrections, heldByWaitingDrafts } from '#berkas/public-inbox';
import type { SqlDatabase } from '#berkas/sql';

/**
 * The files events name, read from the log itself (never from a read model,
 * which may lag or be fed from Kafka without `DocumentAttached`): the sweep's
 * own position in the log, and each hash a `DocumentAttached` named, per
 * dossier (the same scan may be in two dossiers), released when the
 * dossier's retention was applied (`RetentionApplied`).
 */
export const FILE_SWEEP_SCHEMA = `
CREATE TABLE IF NOT EXISTS dossier_files (
  sha256 text NOT NULL,
  dossier_id text NOT NULL,
  named_at timestamptz NOT NULL,
  released_at timestamptz,
  PRIMARY KEY (sha256, dossier_id)
);
CREATE TABLE IF NOT EXISTS file_sweep_checkpoint (
  id integer PRIMARY KEY CHECK (id = 1),
  transaction_id text NOT NULL,
  global_position text NOT NULL
);
`;

export interface FileSweepResult {
  /** Files no event names (or only dossiers whose retention ran out), stored before the grace period: deleted. */
  deleted: string[];
  /** Leftovers of uploads that never finished (a process killed mid-upload), cleared. */
  leftovers: number;
  /** Files in the store after the sweep. */
  kept: number;
}

/** Reads the log on from the sweep's position, noting every file an event names, until it has read it all. */
async function catchUp(db: SqlDatabase, store: EventStore): Promise<void> {
  const row = (await db.query<{ transaction_id: string; global_position: string }>('SELECT * FROM file_sweep_checkpoint WHERE id = 1'))
    .rows[0];
  let at: Checkpoint = row ? { transactionId: row.transaction_id, globalPosition: row.global_position } : START;
  for (;;) {
    const batch = await store.readAll(at, 1000);
    if (!batch.length) return;
    at = checkpointOf(batch[batch.length - 1]);
    const files = batch.filter((e) => e.type === 'DocumentAttached' || e.type === 'RetentionApplied');
    await db.transaction(async (tx) => {
      for (const e of files)
        if (e.type === 'DocumentAttached')
          await tx.query(
            'INSERT INTO dossier_files (sha256, dossier_id, named_at) VALUES ($1, $2, $3) ON CONFLICT (sha256, dossier_id) DO NOTHING',
            [(e.data as { sha256: string }).sha256, e.streamId, e.recordedAt],
          );
        else await tx.query('UPDATE dossier_files SET released_at = $2 WHERE dossier_id = $1', [e.streamId, e.recordedAt]);
      await tx.query(
        `INSERT INTO file_sweep_checkpoint (id, transaction_id, global_position) VALUES (1, $1, $2)
         ON CONFLICT (id) DO UPDATE SET transaction_id = EXCLUDED.transaction_id, global_position = EXCLUDED.global_position`,
        [at.transactionId, at.globalPosition],
      );
    });
  }
}

/**
 * Deletes the files no event names once they are older than `graceMs` (issue
 * 22), and those whose every dossier's retention was applied. A file is written before its event, so a process killed between the
 * two leaves a file nothing names; it goes after the grace period, never a
 * file an event names: the names are read from the log up to its end just
 * before deleting, and a file stored again meanwhile (a retried upload
 * refreshes its time) is younger than the grace period. Also clears the
 * leftovers of uploads cut off half-way.
 */
export async function sweepUnnamedFiles(
  db: SqlDatabase,
  store: EventStore,
  files: FileStore,
  now: Date,
  graceMs: number,
): Promise<FileSweepResult> {
  const before = new Date(now.getTime() - graceMs);
  const candidates: string[] = [];
  let kept = 0;
  for await (const f of files.list()) {
    kept++;
    if (f.storedAt < before) candidates.push(f.sha256);
  }
  const deleted: string[] = [];
  if (candidates.length) {
    await catchUp(db, store);
    for (let i = 0; i < candidates.length; i += 500) {
      const chunk = candidates.slice(i, i + 500);
      const named = new Set(
        (
          await db.query<{ sha256: string }>('SELECT sha256 FROM dossier_files WHERE sha256 = ANY($1) AND released_at IS NULL', [chunk])
        ).rows.map((r) => r.sha256),
      );
      // Corrections handed in online and not yet taken in hold their files too.
      for (const held of await heldByWaitingCorrections(db, chunk)) named.add(held);
      for (const held of await heldByWaitingDrafts(db, chunk)) named.add(held);
      for (const sha256 of chunk) if (!named.has(sha256) && (await files.delete(sha256, { storedBefore: before }))) deleted.push(sha256);
    }
  }
  const leftovers = await files.clearIncoming(before);
  return { deleted, leftovers, kept: kept - deleted.length };
}
