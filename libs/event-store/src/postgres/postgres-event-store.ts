import { randomUUID } from 'node:crypto';
import {
  ConcurrencyError,
  NO_UPCASTING,
  type AppendOptions,
  type AppendResult,
  type Checkpoint,
  type EventStore,
  type NewEvent,
  type StoredEvent,
  type Upcaster,
} from '../event-store.port.js';
import { isUniqueViolation, type Queryable, type SqlDatabase } from '../sql/sql-database.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  global_position bigserial PRIMARY KEY,
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  event_id uuid NOT NULL UNIQUE,
  stream_id text NOT NULL,
  stream_version integer NOT NULL,
  type text NOT NULL,
  schema_version integer NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT events_stream_version UNIQUE (stream_id, stream_version)
);
CREATE INDEX IF NOT EXISTS events_global_order ON events (transaction_id, global_position);
CREATE TABLE IF NOT EXISTS streams (
  stream_id text PRIMARY KEY,
  version integer NOT NULL
);
CREATE TABLE IF NOT EXISTS processed_commands (
  command_id text PRIMARY KEY,
  stream_id text NOT NULL,
  version integer NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS counters (
  name text PRIMARY KEY,
  value bigint NOT NULL
);`;

interface EventRow {
  event_id: string;
  stream_id: string;
  stream_version: number;
  global_position: string;
  transaction_id: string;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  recorded_at: Date | string;
}

// Positions leave as text (bigint and xid8 exceed JS numbers); ORDER BY must name the
// table's columns, not these text aliases, or '10' sorts before '9'.
const COLUMNS = `event_id, stream_id, stream_version, global_position::text AS global_position,
  transaction_id::text AS transaction_id, type, schema_version, data, metadata, recorded_at`;

export interface PostgresEventStoreOptions {
  upcaster?: Upcaster;
  /** Test hook: runs inside the append transaction just before commit, to widen races on purpose. */
  beforeCommit?: () => Promise<void>;
}

/**
 * The event store on PostgreSQL, with the same SQL on a server (`pg`) and on
 * embedded PGlite.
 *
 * Global order: a bigserial alone is not safe to read by, because a later
 * number can commit before an earlier one and a reader would skip the earlier
 * one forever. Each row records the id of the transaction that wrote it
 * (`pg_current_xact_id()`); readers only see rows of transactions older than
 * the oldest one still running (`pg_snapshot_xmin`), and walk the log in
 * (transaction id, position) order. Nothing can later appear below that line.
 */
export class PostgresEventStore implements EventStore {
  private readonly upcaster: Upcaster;

  private constructor(
    private readonly db: SqlDatabase,
    private readonly options: PostgresEventStoreOptions,
  ) {
    this.upcaster = options.upcaster ?? NO_UPCASTING;
  }

  static async create(db: SqlDatabase, options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> {
    await db.exec(SCHEMA);
    return new PostgresEventStore(db, options);
  }

  async readStream(streamId: string): Promise<{ version: number; events: StoredEvent[] }> {
    const { rows } = await this.db.query<EventRow>(`SELECT ${COLUMNS} FROM events WHERE stream_id = $1 ORDER BY stream_version`, [
      streamId,
    ]);
    const events = rows.map((r) => this.toStored(r));
    return { version: events.length ? events[events.length - 1].streamVersion : 0, events };
  }

  async appendToStream(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    try {
      return await this.db.transaction(async (tx) => {
        if (options.commandId) {
          const seen = await tx.query<{ version: number; stream_id: string }>(
            'SELECT version, stream_id FROM processed_commands WHERE command_id = $1',
            [options.commandId],
          );
          if (seen.rows.length) return { version: seen.rows[0].version, duplicate: true, streamId: seen.rows[0].stream_id };
        }
        const version = await this.claimVersion(tx, streamId, options.expectedVersion, events.length);
        if (events.length) await this.insertEvents(tx, streamId, options.expectedVersion, events);
        if (options.commandId) {
          await tx.query('INSERT INTO processed_commands (command_id, stream_id, version) VALUES ($1, $2, $3)', [
            options.commandId,
            streamId,
            version,
          ]);
        }
        if (this.options.beforeCommit) await this.options.beforeCommit();
        return { version, duplicate: false, streamId };
      });
    } catch (e) {
      // The same command raced itself: the other attempt won and this one appended nothing.
      if (options.commandId && isUniqueViolation(e, 'processed_commands_pkey')) {
        const { rows } = await this.db.query<{ version: number; stream_id: string }>(
          'SELECT version, stream_id FROM processed_commands WHERE command_id = $1',
          [options.commandId],
        );
        if (rows.length) return { version: rows[0].version, duplicate: true, streamId: rows[0].stream_id };
      }
      if (isUniqueViolation(e, 'events_stream_version') || isUniqueViolation(e, 'streams_pkey')) {
        throw new ConcurrencyError(streamId, options.expectedVersion, await this.currentVersion(streamId));
      }
      throw e;
    }
  }

  async readAll(after: Checkpoint, limit: number): Promise<StoredEvent[]> {
    const { rows } = await this.db.query<EventRow>(
      `SELECT ${COLUMNS} FROM events
        WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
          AND (transaction_id, global_position) > ($1::xid8, $2::bigint)
        ORDER BY events.transaction_id, events.global_position
        LIMIT $3`,
      [after.transactionId, after.globalPosition, limit],
    );
    return rows.map((r) => this.toStored(r));
  }

  async nextSequence(name: string): Promise<number> {
    const { rows } = await this.db.query<{ value: string }>(
      `INSERT INTO counters (name, value) VALUES ($1, 1)
       ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value::text AS value`,
      [name],
    );
    return Number(rows[0].value);
  }

  async close(): Promise<void> {
    // The database is owned by whoever opened it.
  }

  /** Moves the stream row from the expected version to the new one, or fails with a 409-worthy conflict. */
  private async claimVersion(tx: Queryable, streamId: string, expected: number, count: number): Promise<number> {
    const next = expected + count;
    const { rows } =
      expected === 0
        ? await tx.query('INSERT INTO streams (stream_id, version) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING version', [
            streamId,
            next,
          ])
        : await tx.query('UPDATE streams SET version = $3 WHERE stream_id = $1 AND version = $2 RETURNING version', [
            streamId,
            expected,
            next,
          ]);
    if (rows.length === 0) throw new ConcurrencyError(streamId, expected, await this.currentVersion(streamId, tx));
    return next;
  }

  private async insertEvents(tx: Queryable, streamId: string, expected: number, events: NewEvent[]): Promise<void> {
    const values: string[] = [];
    const params: unknown[] = [];
    events.forEach((e, i) => {
      const p = params.length;
      values.push(`($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, $${p + 7})`);
      params.push(
        e.eventId ?? randomUUID(),
        streamId,
        expected + i + 1,
        e.type,
        this.upcaster.currentVersion(e.type),
        JSON.stringify(e.data),
        JSON.stringify(e.metadata),
      );
    });
    await tx.query(
      `INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, data, metadata) VALUES ${values.join(', ')}`,
      params,
    );
  }

  private async currentVersion(streamId: string, q: Queryable = this.db): Promise<number | undefined> {
    const { rows } = await q.query<{ version: number }>('SELECT version FROM streams WHERE stream_id = $1', [streamId]);
    return rows[0]?.version;
  }

  private toStored(r: EventRow): StoredEvent {
    const current = this.upcaster.currentVersion(r.type);
    return {
      eventId: r.event_id,
      streamId: r.stream_id,
      streamVersion: r.stream_version,
      globalPosition: r.global_position,
      transactionId: r.transaction_id,
      type: r.type,
      schemaVersion: current,
      data: r.schema_version < current ? this.upcaster.upcast(r.type, r.schema_version, r.data) : r.data,
      metadata: r.metadata,
      recordedAt: r.recorded_at instanceof Date ? r.recorded_at.toISOString() : new Date(r.recorded_at).toISOString(),
    };
  }
}
