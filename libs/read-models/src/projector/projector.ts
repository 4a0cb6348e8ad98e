import { START, checkpointOf, type Checkpoint, type EventStore, type StoredEvent } from '#berkas/event-store';
import { createTables, type ModuleTables, type Queryable, type SqlDatabase } from '#berkas/sql';
import { toProjected, type ProjectedEvent, type Projection } from './projection.js';
import { applierOf, applyAllGuarded, QUARANTINE_TABLES, type QuarantinedDossier } from './quarantine.js';

const CHECKPOINTS = `
CREATE TABLE IF NOT EXISTS projection_checkpoints (
  name text PRIMARY KEY,
  transaction_id xid8 NOT NULL,
  global_position bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- A read model retired (D58: the audit trail is read from the log): a checkpoint left behind would look stalled.
DELETE FROM projection_checkpoints WHERE name = 'audit-trail';`;

/**
 * Long enough to gather the commands of a busy moment into one batch, short beside the lag budget (100 ms p99). On
 * embedded PGlite, which runs every statement on the one thread the commands also need, a batch's fixed statements
 * cost the commands most: it gathers longer (commands at one writer went from about 225 to 510 a second, lag p99
 * 30 to 46 ms).
 */
export const DEFAULT_LINGER_MS = 5;
export const EMBEDDED_LINGER_MS = 15;

export interface ProjectorOptions {
  batchSize?: number;
  pollMs?: number;
  /**
   * How long a poke waits before the projector runs, so that commands arriving
   * together are projected in one batch (one transaction) instead of one each;
   * also between batches while commands keep coming. Default: `DEFAULT_LINGER_MS`,
   * `EMBEDDED_LINGER_MS` on PGlite.
   */
  lingerMs?: number;
  onError?: (projection: string, error: unknown) => void;
  /** A dossier was put in quarantine for a projection (D36): log it, count it. */
  onQuarantined?: (q: Pick<QuarantinedDossier, 'projection' | 'dossierId' | 'eventType' | 'error'>) => void;
  /** Before a page is applied: what it needs first (the service versions an MPP published since this process looked). */
  beforeApply?: (events: StoredEvent[]) => Promise<void>;
}

/**
 * Runs projections as checkpointed subscriptions to the event log. Each batch
 * of read-model changes commits in one transaction with the checkpoint that
 * covers it, so a crash replays at most an uncommitted batch, and projections
 * ignore events they have already applied.
 */
export class Projector {
  private timer: NodeJS.Timeout | undefined;
  private lingering: NodeJS.Timeout | undefined;
  private lingerSince = 0;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  private watching: { close(): Promise<void> } | undefined;
  private readonly batchSize: number;
  private readonly committed: ((projection: string, dossierIds: Set<string>) => void)[] = [];

  constructor(
    private readonly store: EventStore,
    private readonly db: SqlDatabase,
    readonly projections: Projection[],
    private readonly options: ProjectorOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 200;
  }

  /** The projector's tables: checkpoints, the quarantine and each projection's read model. */
  tables(): ModuleTables {
    return { owner: 'projector', ddl: [CHECKPOINTS, ...QUARANTINE_TABLES.ddl, ...this.projections.map((p) => p.schema)] };
  }

  async init(): Promise<void> {
    await createTables(this.db, [this.tables()]);
  }

  /** Applies everything committed so far to every projection; returns the number of events applied. */
  async catchUp(): Promise<number> {
    let total = 0;
    for (;;) {
      const { applied, full } = await this.step(this.batchSize);
      total += applied;
      if (!full) return total;
    }
  }

  /** Called after each batch a projection committed, with the dossiers it touched (to drop cached reads). */
  onCommit(listener: (projection: string, dossierIds: Set<string>) => void): void {
    this.committed.push(listener);
  }

  /** Polls the log; `poke()` asks for a run now (after a local commit). */
  start(): void {
    this.stopped = false;
    // A store that pushes (EventStoreDB's subscription) wakes the projector at once; polling stays as the safety net.
    this.watching ??= this.store.watch?.(() => this.poke());
    const tick = () => {
      this.poke();
      if (!this.stopped) this.timer = setTimeout(tick, this.options.pollMs ?? 250);
    };
    tick();
  }

  poke(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    const linger = this.options.lingerMs ?? (this.db.engine === 'pglite' ? EMBEDDED_LINGER_MS : DEFAULT_LINGER_MS);
    if (linger <= 0) return this.run();
    if (this.lingering) {
      // Work that never yields to timers (embedded PGlite answers in microtasks) must not starve the projector.
      if (performance.now() - this.lingerSince < linger) return;
      clearTimeout(this.lingering);
      this.lingering = undefined;
      return this.run();
    }
    this.lingerSince = performance.now();
    this.lingering = setTimeout(() => {
      this.lingering = undefined;
      if (!this.stopped) this.run();
    }, linger);
  }

  private run(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.again = false;
    this.running = (async () => {
      try {
        while ((await this.step(this.batchSize)).full && !this.stopped);
      } catch (e) {
        this.options.onError?.(this.projections.map((p) => p.name).join(', '), e);
      }
    })().finally(() => {
      this.running = undefined;
      // Poked while running: go again after the linger, with every commit of the meantime in one batch (going at once
      // made a batch per commit or two while commands kept coming). A projector behind (full pages) never lingers.
      if (this.again && !this.stopped) {
        this.again = false;
        this.poke();
      }
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.lingering) clearTimeout(this.lingering);
    this.lingering = undefined;
    await this.running;
    await this.watching?.close();
    this.watching = undefined;
  }

  /**
   * Empties the projections' tables (TRUNCATE: no dead rows left behind) and
   * replays the whole log through the live path: one read of the log for all
   * projections, in pages of `pageSize` with the next page read while the
   * current one is applied, each projection in its own transaction. Each
   * projection remembers the last `remembered` dossiers it wrote instead of
   * reading them back (D26). Memory holds two pages and those dossiers,
   * whatever the log's size. Stop the running projectors first.
   */
  async rebuild(
    onProgress: (progress: RebuildProgress) => void = () => undefined,
    pageSize = 5_000,
    /** Dossiers each projection keeps in memory between pages (more are read back). */
    remembered = 5_000,
  ): Promise<number> {
    // A projection with no tables to empty (the notification outbox) is a record of what was done, not a view to
    // rebuild: it keeps its checkpoint and its rows, and goes on from where it was.
    const rebuilt = this.projections.filter((p) => p.tables.length > 0);
    await this.db.transaction(async (tx) => {
      await tx.query(`TRUNCATE ${rebuilt.flatMap((p) => p.tables).join(', ')} -- tenant: a rebuild empties every MPP's rows`);
      await tx.query('DELETE FROM projection_checkpoints WHERE name = ANY($1)', [rebuilt.map((p) => p.name)]);
      // A rebuild starts over: what still fails goes back into quarantine as it is met.
      await tx.query('DELETE FROM projection_quarantine WHERE projection = ANY($1)', [rebuilt.map((p) => p.name)]);
    });
    const total = await this.store.countEvents?.();
    // The projections alone write their emptied tables now: what they wrote is remembered, not read back.
    const appliers = new Map(rebuilt.map((p) => [p, p.rebuilding?.(remembered)]));
    const started = performance.now();
    let applied = 0;
    let from = START;
    let next = this.store.readAll(from, pageSize);
    for (;;) {
      const events = await next;
      if (!events.length) break;
      const to = checkpointOf(events[events.length - 1]);
      // Read ahead: the next page comes while this one is written.
      next = this.store.readAll(to, pageSize);
      // Projections own disjoint tables: on PostgreSQL each writes the page on a connection of its own, in parallel.
      const written = await Promise.all(rebuilt.map((p) => this.applyGroup([p], from, events, appliers))).catch((e: unknown) => {
        next.catch(() => undefined); // the page read ahead is not wanted any more, nor is its failure
        throw e;
      });
      if (written.includes(false)) throw new Error('Another projector moved the checkpoints during the rebuild: stop it and rebuild again');
      from = to;
      applied += events.length;
      const seconds = (performance.now() - started) / 1000;
      const perSecond = seconds > 0 ? applied / seconds : 0;
      onProgress({
        applied,
        total,
        perSecond,
        secondsLeft: total !== undefined && perSecond > 0 ? Math.max(0, (total - applied) / perSecond) : undefined,
      });
    }
    return applied;
  }

  async checkpoint(name: string): Promise<Checkpoint> {
    return (await this.checkpoints()).get(name) ?? START;
  }

  private async checkpoints(): Promise<Map<string, Checkpoint>> {
    const { rows } = await this.db.query<{ name: string; transaction_id: string; global_position: string }>(
      `SELECT name, transaction_id::text AS transaction_id, global_position::text AS global_position
         FROM projection_checkpoints WHERE name = ANY($1)`,
      [this.projections.map((p) => p.name)],
    );
    return new Map(rows.map((r) => [r.name, checkpointRow(r)]));
  }

  /** When a round last finished without an error (caught up or applied a page): readiness compares it with the clock. */
  lastGoodRound = Date.now();

  private async step(limit: number): Promise<{ applied: number; full: boolean }> {
    const result = await this.round(limit);
    this.lastGoodRound = Date.now();
    return result;
  }

  /**
   * One round of the live path: projections at the same checkpoint (all of
   * them, normally) share one read of the log and one transaction.
   */
  private async round(limit: number): Promise<{ applied: number; full: boolean }> {
    const at = await this.checkpoints();
    const groups = new Map<string, { from: Checkpoint; projections: Projection[] }>();
    for (const p of this.projections) {
      const from = at.get(p.name) ?? START;
      const key = `${from.transactionId}/${from.globalPosition}`;
      const group = groups.get(key) ?? { from, projections: [] };
      group.projections.push(p);
      groups.set(key, group);
    }
    let applied = 0;
    let full = false;
    for (const { from, projections } of groups.values()) {
      const events = await this.store.readAll(from, limit);
      if (!events.length) continue;
      if (await this.applyGroup(projections, from, events)) applied += events.length;
      if (events.length === limit) full = true;
    }
    return { applied, full };
  }

  /**
   * Applies a page of the log to projections that all stand at `from`, with
   * their checkpoints, in one transaction. False (and nothing written) when
   * another projector instance moved one of them meanwhile.
   */
  private async applyGroup(
    projections: Projection[],
    from: Checkpoint,
    events: StoredEvent[],
    appliers?: Map<Projection, { applyBatch(tx: Queryable, events: ProjectedEvent[]): Promise<void> } | undefined>,
  ): Promise<boolean> {
    await this.options.beforeApply?.(events);
    const last = events[events.length - 1];
    const names = projections.map((p) => p.name);
    const projected = events.map(toProjected).filter((e): e is NonNullable<typeof e> => e !== undefined);
    const done = await this.db.transaction(async (tx) => {
      // A read model can always be replayed: a server crash may lose the last commits, but only with their checkpoint, so no fsync wait.
      await tx.query('SET LOCAL synchronous_commit = off');
      // A projection that never committed has no checkpoint row to lock: it gets one, at the start, first. Two first
      // batches (a process's loop and its catch-up, or two processes) then take turns like any others, where they
      // wrote the same dossiers side by side and could deadlock. A row another projector is inserting makes this wait
      // for its commit.
      if (from.transactionId === START.transactionId && from.globalPosition === START.globalPosition)
        await tx.query(
          `INSERT INTO projection_checkpoints (name, transaction_id, global_position, updated_at)
           SELECT name, '0'::xid8, 0, now() FROM unnest($1::text[]) AS name ON CONFLICT (name) DO NOTHING`,
          [names],
        );
      // Another projector instance may have moved on meanwhile: lock the checkpoints and compare.
      const { rows } = await tx.query<{ name: string; transaction_id: string; global_position: string }>(
        `SELECT name, transaction_id::text AS transaction_id, global_position::text AS global_position
           FROM projection_checkpoints WHERE name = ANY($1) ORDER BY name FOR UPDATE`,
        [names],
      );
      const moved = (name: string) => {
        const r = rows.find((row) => row.name === name);
        const current = r ? checkpointRow(r) : START;
        return current.transactionId !== from.transactionId || current.globalPosition !== from.globalPosition;
      };
      if (names.some(moved)) return false;
      // One bad event puts its dossier in quarantine for that projection; every other dossier goes on (D36).
      await applyAllGuarded(
        tx,
        projections.map((p) => {
          const rebuilding = appliers?.get(p);
          return { projection: p, apply: rebuilding ? (t: Queryable, es: ProjectedEvent[]) => rebuilding.applyBatch(t, es) : applierOf(p) };
        }),
        projected,
        this.options.onQuarantined,
      );
      await tx.query(
        `INSERT INTO projection_checkpoints (name, transaction_id, global_position, updated_at)
         SELECT name, $2::xid8, $3, now() FROM unnest($1::text[]) AS name
         ON CONFLICT (name) DO UPDATE SET transaction_id = $2::xid8, global_position = $3, updated_at = now()`,
        [names, last.transactionId, last.globalPosition],
      );
      return true;
    });
    if (done && this.committed.length) {
      const ids = new Set(projected.map((e) => e.dossierId));
      for (const p of projections) for (const listener of this.committed) listener(p.name, ids);
    }
    return done;
  }
}

const checkpointRow = (r: { transaction_id: string; global_position: string }): Checkpoint => ({
  transactionId: r.transaction_id,
  globalPosition: r.global_position,
});

export interface RebuildProgress {
  applied: number;
  /** Events in the log when the rebuild began (undefined when the store cannot count them). */
  total: number | undefined;
  perSecond: number;
  secondsLeft: number | undefined;
}
