import { START, type Checkpoint, type EventStore, type SqlDatabase } from '#berkas/event-store';
import { toProjected, type Projection } from './projections/projection.js';

const CHECKPOINTS = `
CREATE TABLE IF NOT EXISTS projection_checkpoints (
  name text PRIMARY KEY,
  transaction_id xid8 NOT NULL,
  global_position bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);`;

export interface ProjectorOptions {
  batchSize?: number;
  pollMs?: number;
  onError?: (projection: string, error: unknown) => void;
}

/**
 * Runs projections as checkpointed subscriptions to the event log. Each batch
 * of read-model changes commits in one transaction with the checkpoint that
 * covers it, so a crash replays at most an uncommitted batch, and projections
 * ignore events they have already applied.
 */
export class Projector {
  private timer: NodeJS.Timeout | undefined;
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

  async init(): Promise<void> {
    await this.db.exec(CHECKPOINTS);
    for (const p of this.projections) await this.db.exec(p.schema);
  }

  /** Applies everything committed so far to every projection; returns the number of events applied. */
  async catchUp(): Promise<number> {
    let total = 0;
    for (const p of this.projections) {
      for (;;) {
        const n = await this.runBatch(p);
        total += n;
        if (n < this.batchSize) break;
      }
    }
    return total;
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
    this.running = (async () => {
      do {
        this.again = false;
        for (const p of this.projections) {
          try {
            while ((await this.runBatch(p)) === this.batchSize && !this.stopped);
          } catch (e) {
            this.options.onError?.(p.name, e);
          }
        }
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = undefined;
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await this.watching?.close();
    this.watching = undefined;
  }

  /** Empties the projections' tables and replays the whole log, reporting progress. */
  async rebuild(onProgress: (projection: string, applied: number) => void = () => undefined): Promise<number> {
    let total = 0;
    for (const p of this.projections) {
      await this.db.transaction(async (tx) => {
        for (const t of p.tables) await tx.query(`DELETE FROM ${t}`);
        await tx.query('DELETE FROM projection_checkpoints WHERE name = $1', [p.name]);
      });
      let applied = 0;
      for (;;) {
        const n = await this.runBatch(p);
        applied += n;
        onProgress(p.name, applied);
        if (n < this.batchSize) break;
      }
      total += applied;
    }
    return total;
  }

  async checkpoint(name: string): Promise<Checkpoint> {
    const { rows } = await this.db.query<{ transaction_id: string; global_position: string }>(
      'SELECT transaction_id::text AS transaction_id, global_position::text AS global_position FROM projection_checkpoints WHERE name = $1',
      [name],
    );
    return rows[0] ? { transactionId: rows[0].transaction_id, globalPosition: rows[0].global_position } : START;
  }

  private async runBatch(p: Projection): Promise<number> {
    const from = await this.checkpoint(p.name);
    const events = await this.store.readAll(from, this.batchSize);
    if (!events.length) return 0;
    const last = events[events.length - 1];
    const applied = await this.db.transaction(async (tx) => {
      // Another projector instance may have moved on meanwhile: lock the checkpoint and compare.
      const { rows } = await tx.query<{ transaction_id: string; global_position: string }>(
        `SELECT transaction_id::text AS transaction_id, global_position::text AS global_position
           FROM projection_checkpoints WHERE name = $1 FOR UPDATE`,
        [p.name],
      );
      const current = rows[0] ? { transactionId: rows[0].transaction_id, globalPosition: rows[0].global_position } : START;
      if (current.transactionId !== from.transactionId || current.globalPosition !== from.globalPosition) return undefined;
      const projected = events.map(toProjected).filter((e): e is NonNullable<typeof e> => e !== undefined);
      if (p.applyBatch) await p.applyBatch(tx, projected);
      else for (const e of projected) await p.apply(tx, e);
      await tx.query(
        `INSERT INTO projection_checkpoints (name, transaction_id, global_position, updated_at) VALUES ($1, $2::xid8, $3, now())
         ON CONFLICT (name) DO UPDATE SET transaction_id = $2::xid8, global_position = $3, updated_at = now()`,
        [p.name, last.transactionId, last.globalPosition],
      );
      return projected;
    });
    if (!applied) return 0;
    if (this.committed.length) {
      const ids = new Set(applied.map((e) => e.dossierId));
      for (const listener of this.committed) listener(p.name, ids);
    }
    return events.length;
  }
}
