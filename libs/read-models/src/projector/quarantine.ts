import { isUnavailable, type ModuleTables, type Queryable, type SqlDatabase } from '#berkas/sql';
import type { ProjectedEvent, Projection } from './projection.js';

/**
 * Dossiers a projection stopped applying because one of their events failed
 * (D36). One row per projection and dossier: the event that failed (stream,
 * version, position in the log, type), the error, and when it was first and
 * last tried. While a row is here that projection skips the dossier's events;
 * every other dossier goes on.
 */
export const QUARANTINE_SCHEMA = `
CREATE TABLE IF NOT EXISTS projection_quarantine (
  projection text NOT NULL,
  dossier_id text NOT NULL,
  stream_id text NOT NULL,
  stream_version integer NOT NULL,
  log_position text NOT NULL,
  event_type text NOT NULL,
  error text NOT NULL,
  first_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_attempt_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 1,
  PRIMARY KEY (projection, dossier_id)
);
-- A read model retired (D58: the audit trail is read from the log) leaves no quarantined dossier nobody can retry.
DELETE FROM projection_quarantine WHERE projection = 'audit-trail';`;

/** A dossier's next event is not the one after the last applied: applying it would build a wrong row. */
export class StreamGapError extends Error {
  constructor(dossierId: string, expected: number, got: number) {
    super(`gap in dossier ${dossierId}: expected stream version ${expected}, got ${got}`);
    this.name = 'StreamGapError';
  }
}

export interface QuarantinedDossier {
  projection: string;
  dossierId: string;
  streamId: string;
  streamVersion: number;
  logPosition: string;
  eventType: string;
  error: string;
  firstAttemptAt: string;
  lastAttemptAt: string;
  attempts: number;
}

/**
 * Errors that say "not now" (the database went away, a statement timed out, a
 * deadlock or serialization failure) fail the whole batch, to be retried as it
 * is; anything else is blamed on the event being applied.
 */
export function isTransient(e: unknown): boolean {
  if (isUnavailable(e)) return true;
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' && (/^40/.test(code) || code === '55P03');
}

type Apply = (tx: Queryable, events: ProjectedEvent[]) => Promise<void>;
type OnQuarantined = (q: Pick<QuarantinedDossier, 'projection' | 'dossierId' | 'eventType' | 'error'>) => void;

/** A projection and the function that applies a batch to it (its own batch path, or a rebuild's). */
export interface GuardedProjection {
  projection: Pick<Projection, 'name'>;
  apply: Apply;
}

/**
 * Applies a batch to several projections inside the caller's transaction so
 * that one bad event cannot stop any of them (D36). The usual case costs one
 * query and one savepoint for the whole group: no dossier of the batch is in
 * quarantine, and everything applies. Otherwise each projection goes through
 * `applyGuarded`: its quarantined dossiers left out, then, if the batch still
 * fails, dossier by dossier and event by event. A transient error is thrown as
 * it is: the batch is retried whole, nobody is blamed.
 *
 * The quarantine rows read here are locked FOR SHARE, so a retry (which locks
 * its row FOR UPDATE) waits for a batch that skipped the dossier to commit,
 * and reads the dossier's stream again after its release, with that batch's
 * events in it.
 *
 * An applier must keep nothing outside the transaction that a rollback would
 * leave wrong. A rebuild's appliers remember the rows they wrote, so a
 * rebuild applies each projection in a group of its own.
 */
export async function applyAllGuarded(
  tx: Queryable,
  group: GuardedProjection[],
  events: ProjectedEvent[],
  onQuarantined?: OnQuarantined,
): Promise<void> {
  if (!events.length || !group.length) return;
  const { rows } = await tx.query<{ projection: string; dossier_id: string }>(
    'SELECT projection, dossier_id FROM projection_quarantine WHERE projection = ANY($1) AND dossier_id = ANY($2) FOR SHARE',
    [group.map((g) => g.projection.name), [...new Set(events.map((e) => e.dossierId))]],
  );
  if (!rows.length) {
    await tx.query('SAVEPOINT projection_group');
    try {
      for (const g of group) await g.apply(tx, events);
      await tx.query('RELEASE SAVEPOINT projection_group');
      return;
    } catch (e) {
      if (isTransient(e)) throw e;
      await tx.query('ROLLBACK TO SAVEPOINT projection_group');
    }
  }
  for (const g of group) {
    const held = new Set(rows.filter((r) => r.projection === g.projection.name).map((r) => r.dossier_id));
    await applyGuarded(tx, g.projection, held.size ? events.filter((e) => !held.has(e.dossierId)) : events, g.apply, onQuarantined);
  }
}

/**
 * One projection's batch, none of whose dossiers is in quarantine for it:
 * applied in one go under a savepoint, and when that fails, dossier by
 * dossier and event by event. The event that fails puts its dossier in
 * quarantine (its earlier events of the batch stay applied, its later ones are
 * skipped).
 */
async function applyGuarded(
  tx: Queryable,
  projection: Pick<Projection, 'name'>,
  events: ProjectedEvent[],
  apply: Apply,
  onQuarantined?: OnQuarantined,
): Promise<void> {
  if (!events.length) return;
  await tx.query('SAVEPOINT projection_batch');
  try {
    await apply(tx, events);
    await tx.query('RELEASE SAVEPOINT projection_batch');
    return;
  } catch (e) {
    if (isTransient(e)) throw e;
    await tx.query('ROLLBACK TO SAVEPOINT projection_batch');
  }
  const byDossier = new Map<string, ProjectedEvent[]>();
  for (const e of events) byDossier.set(e.dossierId, [...(byDossier.get(e.dossierId) ?? []), e]);
  for (const [dossierId, own] of byDossier) {
    const failed = await applyEventByEvent(tx, projection.name, own, apply);
    if (failed) onQuarantined?.({ projection: projection.name, dossierId, eventType: failed.event.event.type, error: failed.error });
  }
}

/**
 * Applies one dossier's events in order, each under its own savepoint; the
 * first that fails puts the dossier in quarantine and stops there. Answers
 * that event and its error, or undefined when all applied.
 */
async function applyEventByEvent(
  tx: Queryable,
  projection: string,
  events: ProjectedEvent[],
  apply: Apply,
): Promise<{ event: ProjectedEvent; index: number; error: string } | undefined> {
  for (let index = 0; index < events.length; index++) {
    const event = events[index];
    await tx.query('SAVEPOINT projection_event');
    try {
      await apply(tx, [event]);
      await tx.query('RELEASE SAVEPOINT projection_event');
    } catch (err) {
      if (isTransient(err)) throw err;
      await tx.query('ROLLBACK TO SAVEPOINT projection_event');
      const error = errorText(err);
      await quarantine(tx, projection, event, error);
      return { event, index, error };
    }
  }
  return undefined;
}

const errorText = (e: unknown): string => {
  const err = e as { message?: unknown; code?: unknown };
  const message = typeof err?.message === 'string' ? err.message : String(e);
  return (typeof err?.code === 'string' ? `${err.code}: ${message}` : message).toWellFormed().slice(0, 2000);
};

async function quarantine(tx: Queryable, projection: string, e: ProjectedEvent, error: string): Promise<void> {
  await tx.query(
    `INSERT INTO projection_quarantine (projection, dossier_id, stream_id, stream_version, log_position, event_type, error)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (projection, dossier_id) DO UPDATE SET stream_version = EXCLUDED.stream_version, log_position = EXCLUDED.log_position,
       event_type = EXCLUDED.event_type, error = EXCLUDED.error, last_attempt_at = now(),
       attempts = projection_quarantine.attempts + 1`,
    [projection, e.dossierId, e.stored.streamId, e.stored.streamVersion, e.stored.globalPosition, e.event.type, error],
  );
}

/** What is in quarantine, oldest first (for the console, readiness and the metric). */
export async function listQuarantine(db: Queryable, limit = 200, offset = 0): Promise<{ total: number; items: QuarantinedDossier[] }> {
  const [{ rows }, count] = await Promise.all([
    db.query<{
      projection: string;
      dossier_id: string;
      stream_id: string;
      stream_version: number;
      log_position: string;
      event_type: string;
      error: string;
      first_attempt_at: Date | string;
      last_attempt_at: Date | string;
      attempts: number;
    }>(
      `SELECT projection, dossier_id, stream_id, stream_version, log_position, event_type, error, first_attempt_at, last_attempt_at, attempts
         FROM projection_quarantine ORDER BY first_attempt_at, projection, dossier_id LIMIT $1 OFFSET $2`,
      [limit, offset],
    ),
    countQuarantine(db),
  ]);
  return {
    total: count,
    items: rows.map((r) => ({
      projection: r.projection,
      dossierId: r.dossier_id,
      streamId: r.stream_id,
      streamVersion: Number(r.stream_version),
      logPosition: r.log_position,
      eventType: r.event_type,
      error: r.error,
      firstAttemptAt: new Date(r.first_attempt_at).toISOString(),
      lastAttemptAt: new Date(r.last_attempt_at).toISOString(),
      attempts: Number(r.attempts),
    })),
  };
}

export async function countQuarantine(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM projection_quarantine');
  return Number(rows[0]?.n ?? 0);
}

/**
 * Brings a quarantined dossier back (once its cause is fixed: a deploy, an
 * upcaster): its events are re-applied in order, from the first, to the
 * projection in one transaction (the projections skip what they applied
 * already), and its quarantine row goes. When an event still fails, the row
 * stays with the new error and the attempt counted, and nothing else changes.
 */
export async function retryQuarantined(
  db: SqlDatabase,
  projection: Projection,
  dossierId: string,
  readStream: (dossierId: string) => Promise<ProjectedEvent[]>,
): Promise<{ released: boolean; error?: string; applied: number }> {
  const apply = applierOf(projection);
  // Read before the transaction: embedded PGlite runs one statement at a time, so a read beside it would wait for it.
  const events = await readStream(dossierId);
  const outcome = await db.transaction(async (tx): Promise<{ released: boolean; error?: string; applied: number }> => {
    // Waits for a batch that skipped this dossier (it holds the row FOR SHARE) to commit.
    const { rows } = await tx.query<{ dossier_id: string }>(
      'SELECT dossier_id FROM projection_quarantine WHERE projection = $1 AND dossier_id = $2 FOR UPDATE',
      [projection.name, dossierId],
    );
    if (!rows.length) return { released: false, applied: 0, error: 'not in quarantine' };
    const failed = await applyEventByEvent(tx, projection.name, events, apply);
    if (failed) return { released: false, error: failed.error, applied: failed.index };
    await tx.query('DELETE FROM projection_quarantine WHERE projection = $1 AND dossier_id = $2', [projection.name, dossierId]);
    return { released: true, applied: events.length };
  });
  if (!outcome.released) return outcome;
  // Events appended meanwhile, which a batch skipped while the row was still there: read after the release, so the
  // read holds them, and applied like any batch (what was applied already is skipped by version).
  const last = events.length ? events[events.length - 1].stored.streamVersion : 0;
  const tail = (await readStream(dossierId)).filter((e) => e.stored.streamVersion > last);
  if (tail.length) await db.transaction((tx) => applyAllGuarded(tx, [{ projection, apply }], tail));
  return { released: true, applied: outcome.applied + tail.length };
}

async function sequential(projection: Projection, tx: Queryable, events: ProjectedEvent[]): Promise<void> {
  for (const e of events) await projection.apply(tx, e);
}

/** The function every projector applies a batch with: the projection's own batch path, else event by event. */
export const applierOf =
  (projection: Projection): Apply =>
  (tx, events) =>
    projection.applyBatch ? projection.applyBatch(tx, events) : sequential(projection, tx, events);

/** Dossiers a projection set aside (D36): written by whichever process projects, listed and retried by the desk. */
export const QUARANTINE_TABLES: ModuleTables = { owner: 'projection quarantine', ddl: [QUARANTINE_SCHEMA] };
