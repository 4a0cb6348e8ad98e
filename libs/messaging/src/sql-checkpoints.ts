import { START, type Checkpoint } from '#berkas/event-store';
import { createTables, type ModuleTables, type SqlDatabase } from '#berkas/sql';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS relay_checkpoints (
  name text PRIMARY KEY,
  transaction_id text NOT NULL,
  global_position text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);`;

/** The relay's: where each relay has got to in the event log. */
export const MESSAGING_TABLES: ModuleTables = { owner: 'messaging (relay checkpoints)', ddl: [SCHEMA] };

/**
 * Where a relay has got to in the event log, kept in SQL (the event store's
 * database on PostgreSQL and PGlite; the read store beside EventStoreDB).
 * Positions are kept as text: on EventStoreDB they are 64-bit log positions.
 */
export class SqlCheckpoints {
  constructor(private readonly db: SqlDatabase) {}

  async init(): Promise<void> {
    await createTables(this.db, [MESSAGING_TABLES]);
  }

  async load(name: string): Promise<Checkpoint> {
    const { rows } = await this.db.query<{ transaction_id: string; global_position: string }>(
      'SELECT transaction_id, global_position FROM relay_checkpoints WHERE name = $1',
      [name],
    );
    return rows[0] ? { transactionId: rows[0].transaction_id, globalPosition: rows[0].global_position } : START;
  }

  async save(name: string, cp: Checkpoint): Promise<void> {
    await this.db.query(
      `INSERT INTO relay_checkpoints (name, transaction_id, global_position, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (name) DO UPDATE SET transaction_id = EXCLUDED.transaction_id, global_position = EXCLUDED.global_position, updated_at = now()`,
      [name, cp.transactionId, cp.globalPosition],
    );
  }
}
