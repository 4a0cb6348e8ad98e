import { randomUUID } from 'node:crypto';
import {
  ClaimTakenError,
  ConcurrencyError,
  ensureSameRequest,
  NO_UPCASTING,
  type AppendOptions,
  type AppendPlan,
  type CommandRecord,
  type AppendResult,
  type Checkpoint,
  type EventStore,
  type NewEvent,
  type StoredEvent,
  type Upcaster,
} from '../event-store.port.js';
import { isUniqueViolation, type Queryable, type SqlDatabase } from '#berkas/sql';

// Several processes may boot at once: the advisory lock serialises their schema set-up.
const SCHEMA = `
SELECT pg_advisory_xact_lock(4242001);
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
-- One MPP's events in log order, for a rebuild of that MPP alone (issue 23); created once on an upgraded store.
CREATE INDEX IF NOT EXISTS events_tenant_order ON events ((metadata->>'tenant'), transaction_id, global_position);
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
ALTER TABLE processed_commands ADD COLUMN IF NOT EXISTS fingerprint text;
ALTER TABLE processed_commands ADD COLUMN IF NOT EXISTS result jsonb;
CREATE TABLE IF NOT EXISTS counters (
  name text PRIMARY KEY,
  value bigint NOT NULL
);
CREATE TABLE IF NOT EXISTS unique_claims (
  claim text PRIMARY KEY,
  stream_id text NOT NULL,
  claimed_at timestamptz NOT NULL DEFAULT now()
);
DROP FUNCTION IF EXISTS berkas_append(text, integer, text, jsonb);
DROP FUNCTION IF EXISTS berkas_append(text, integer, text, jsonb, text, jsonb, text, text, text);
DROP FUNCTION IF EXISTS berkas_append(text, integer, text, jsonb, text, jsonb);
-- One round trip per append: idempotency check, version check, document number, events, command record.
-- With p_sequence, the counter is drawn only after the version check, and every p_placeholder in the
-- events and the result becomes p_prefix || the zero-padded number; the statement's own transaction
-- holds the counter row for microseconds, and a failure gives the number back.
-- p_claims are keys taken for good (unique_claims); one already held raises BK409 with the holder in DETAIL,
-- which undoes the whole statement (stream version, number) and is read as ClaimTakenError.
CREATE OR REPLACE FUNCTION berkas_append(p_stream text, p_expected integer, p_command text, p_events jsonb, p_fingerprint text, p_result jsonb,
  p_sequence text, p_prefix text, p_placeholder text, p_claims text[])
RETURNS TABLE (outcome text, version integer, stream_id text, fingerprint text, result jsonb) LANGUAGE plpgsql AS $fn$
DECLARE
  v_next integer := p_expected + jsonb_array_length(p_events);
  v_seen record;
  v_number text;
  v_claim text;
  v_holder text;
BEGIN
  IF p_command IS NOT NULL THEN
    SELECT pc.version, pc.stream_id, pc.fingerprint, pc.result INTO v_seen FROM processed_commands pc WHERE pc.command_id = p_command;
    IF FOUND THEN
      RETURN QUERY SELECT 'duplicate'::text, v_seen.version, v_seen.stream_id, v_seen.fingerprint, v_seen.result;
      RETURN;
    END IF;
  END IF;
  IF p_expected = 0 THEN
    INSERT INTO streams AS s (stream_id, version) VALUES (p_stream, v_next) ON CONFLICT DO NOTHING;
  ELSE
    UPDATE streams AS s SET version = v_next WHERE s.stream_id = p_stream AND s.version = p_expected;
  END IF;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'conflict'::text, (SELECT s.version FROM streams s WHERE s.stream_id = p_stream), p_stream, NULL::text, NULL::jsonb;
    RETURN;
  END IF;
  FOREACH v_claim IN ARRAY coalesce(p_claims, '{}'::text[]) LOOP
    INSERT INTO unique_claims (claim, stream_id) VALUES (v_claim, p_stream) ON CONFLICT (claim) DO NOTHING;
    IF NOT FOUND THEN
      SELECT u.stream_id INTO v_holder FROM unique_claims u WHERE u.claim = v_claim;
      RAISE EXCEPTION USING ERRCODE = 'BK409', MESSAGE = v_claim, DETAIL = v_holder;
    END IF;
  END LOOP;
  IF p_sequence IS NOT NULL THEN
    INSERT INTO counters AS c (name, value) VALUES (p_sequence, 1)
      ON CONFLICT (name) DO UPDATE SET value = c.value + 1
      RETURNING p_prefix || lpad(c.value::text, 6, '0') INTO v_number;
    p_events := replace(p_events::text, p_placeholder, v_number)::jsonb;
    p_result := replace(p_result::text, p_placeholder, v_number)::jsonb;
  END IF;
  INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, data, metadata)
  SELECT (e->>'eventId')::uuid, p_stream, p_expected + t.ord::integer, e->>'type', (e->>'schemaVersion')::integer, e->'data', e->'metadata'
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(e, ord);
  IF p_command IS NOT NULL THEN
    INSERT INTO processed_commands (command_id, stream_id, version, fingerprint, result) VALUES (p_command, p_stream, v_next, p_fingerprint, p_result);
  END IF;
  RETURN QUERY SELECT 'ok'::text, v_next, p_stream, p_fingerprint, p_result;
END
$fn$;
-- Group commit (issue 24): the appends of concurrent commands in one statement and one transaction (one round trip,
-- one commit), each still berkas_append with its own version check, command id, number and claims. Each runs in a
-- subtransaction of its own: one that fails is undone alone (with the number it drew) and answered with its error;
-- the others commit.
CREATE OR REPLACE FUNCTION berkas_append_group(p_appends jsonb)
RETURNS TABLE (ord integer, outcome text, version integer, stream_id text, fingerprint text, result jsonb,
  error_code text, error_message text, error_detail text, error_constraint text) LANGUAGE plpgsql AS $fn$
DECLARE
  v_append jsonb;
  v_ord integer;
  v_row record;
  v_code text;
  v_message text;
  v_detail text;
  v_constraint text;
BEGIN
  FOR v_append, v_ord IN SELECT t.e, t.o::integer FROM jsonb_array_elements(p_appends) WITH ORDINALITY AS t(e, o) LOOP
    BEGIN
      SELECT * INTO v_row FROM berkas_append(v_append->>'stream', (v_append->>'expected')::integer, v_append->>'command',
        v_append->'events', v_append->>'fingerprint', v_append->'result', v_append->>'sequence', v_append->>'prefix',
        v_append->>'placeholder', ARRAY(SELECT jsonb_array_elements_text(v_append->'claims')));
      RETURN QUERY SELECT v_ord, v_row.outcome, v_row.version, v_row.stream_id, v_row.fingerprint, v_row.result,
        NULL::text, NULL::text, NULL::text, NULL::text;
    EXCEPTION WHEN OTHERS THEN
      GET STACKED DIAGNOSTICS v_code = RETURNED_SQLSTATE, v_message = MESSAGE_TEXT, v_detail = PG_EXCEPTION_DETAIL,
        v_constraint = CONSTRAINT_NAME;
      RETURN QUERY SELECT v_ord, 'error'::text, NULL::integer, v_append->>'stream', NULL::text, NULL::jsonb,
        v_code, v_message, NULLIF(v_detail, ''), NULLIF(v_constraint, '');
    END;
  END LOOP;
END
$fn$;`;

/** An append waiting for its group (`appendGrouped`). */
interface PendingAppend {
  streamId: string;
  plan: AppendPlan;
  options: AppendOptions;
  resolve: (row: AppendRow) => void;
  reject: (e: unknown) => void;
}

/** Groups of appends on their way at once: more than one, so an append waiting on a lock does not hold every other. */
const GROUPS_IN_FLIGHT = 2;
/** The most appends one group carries. */
const GROUP_MAX = 64;

/** A grouped append's answer: its place in the group, and its row or its error. */
type GroupRow = Omit<AppendRow, 'outcome'> & {
  ord: number;
  outcome: AppendRow['outcome'] | 'error';
  error_code: string | null;
  error_message: string | null;
  error_detail: string | null;
  error_constraint: string | null;
};

interface AppendRow {
  outcome: 'ok' | 'duplicate' | 'conflict';
  version: number;
  stream_id: string;
  fingerprint: string | null;
  result: Record<string, unknown> | null;
}

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

/** The signal a commit sends to the pollers of other processes (D57). */
export const EVENTS_COMMITTED_CHANNEL = 'berkas_events';

/** How long a commit's signal waits for the commits right after it, to carry them all (D57). */
const SIGNAL_GATHER_MS = 5;

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
  /** gathering: a signal will leave shortly, for every commit until then; sending: one is on its way. */
  private signal: 'idle' | 'gathering' | 'sending' = 'idle';
  /** Commits came while a signal was on its way: they need one more. */
  private signalAgain = false;

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

  async appendToStream(streamId: string, given: NewEvent[] | AppendPlan, options: AppendOptions): Promise<AppendResult> {
    const plan = Array.isArray(given) ? { events: given } : given;
    let row: AppendRow;
    try {
      const hook = this.options.beforeCommit;
      row = hook
        ? await this.db.transaction(async (tx) => {
            const r = await this.appendRow(tx, streamId, plan, options);
            await hook();
            return r;
          })
        : await this.appendGrouped(streamId, plan, options);
    } catch (e) {
      // The same command raced itself: the other attempt won and this one appended nothing.
      if (options.commandId && isUniqueViolation(e, 'processed_commands_pkey')) {
        const seen = await this.findCommand(options.commandId);
        if (seen) return this.duplicateOf(seen, options);
      }
      const taken = e as { code?: string; message?: string; detail?: string };
      if (taken?.code === 'BK409') throw new ClaimTakenError(String(taken.message), String(taken.detail));
      // Backstop only: berkas_append checks the version first, so this means the streams row and the events disagree.
      if (isUniqueViolation(e, 'events_stream_version')) {
        throw new ConcurrencyError(streamId, options.expectedVersion, await this.currentVersion(streamId));
      }
      throw e;
    }
    if (row.outcome === 'conflict') {
      // The same command sent twice at once: the copy that waited for the other's lock finds the stream moved. The
      // other copy's record is its answer, whichever of the two got there first.
      const seen = options.commandId ? await this.findCommand(options.commandId) : undefined;
      if (seen) return this.duplicateOf(seen, options);
      throw new ConcurrencyError(streamId, options.expectedVersion, row.version ?? undefined);
    }
    if (row.outcome === 'ok') this.signalCommitted();
    if (row.outcome === 'duplicate')
      return this.duplicateOf(
        { streamId: row.stream_id, version: row.version, fingerprint: row.fingerprint ?? undefined, result: row.result ?? undefined },
        options,
      );
    return { version: row.version, duplicate: false, streamId: row.stream_id, result: row.result ?? undefined };
  }

  /**
   * Wakes the relay and projectors of other processes (`watch`). Sent after the commit, outside the append, so
   * concurrent appends do not queue on PostgreSQL's notification lock. The commits of the next few milliseconds
   * (`SIGNAL_GATHER_MS`) share one signal, and one more covers those that came while it was on its way: a signal
   * per commit was a quarter of a busy writer's work. A lost signal costs a poll interval, never an event.
   */
  private signalCommitted(): void {
    const notify = this.db.notify?.bind(this.db);
    if (!notify) return;
    if (this.signal === 'gathering') return;
    if (this.signal === 'sending') {
      this.signalAgain = true;
      return;
    }
    this.signal = 'gathering';
    setTimeout(() => {
      this.signal = 'sending';
      void notify(EVENTS_COMMITTED_CHANNEL)
        .catch(() => undefined)
        .finally(() => {
          this.signal = 'idle';
          if (this.signalAgain) {
            this.signalAgain = false;
            this.signalCommitted();
          }
        });
    }, SIGNAL_GATHER_MS).unref();
  }

  /**
   * On PostgreSQL, calls `listener` soon after any process of this deployment commits events, and again after a
   * lost connection comes back (signals may have been missed meanwhile). Polling stays as the safety net.
   */
  get watch(): EventStore['watch'] {
    const listen = this.db.listen?.bind(this.db);
    if (!listen) return undefined;
    return (listener) => listen(EVENTS_COMMITTED_CHANNEL, () => listener(), listener);
  }

  async findCommand(commandId: string): Promise<CommandRecord | undefined> {
    const { rows } = await this.db.query<{
      stream_id: string;
      version: number;
      fingerprint: string | null;
      result: Record<string, unknown> | null;
    }>('SELECT stream_id, version, fingerprint, result FROM processed_commands WHERE command_id = $1', [commandId]);
    const r = rows[0];
    return r && { streamId: r.stream_id, version: r.version, fingerprint: r.fingerprint ?? undefined, result: r.result ?? undefined };
  }

  private duplicateOf(seen: CommandRecord, options: AppendOptions): AppendResult {
    ensureSameRequest(seen, options.fingerprint);
    return { version: seen.version, duplicate: true, streamId: seen.streamId, result: seen.result };
  }

  /**
   * Group commit (issue 24): an append that comes while `GROUPS_IN_FLIGHT` groups are on their way waits for the next
   * group, with every append that came meanwhile, sent as one statement (`berkas_append_group`). Alone, an append is
   * sent as it is, so a single writer waits for nobody. Each append keeps its own answer: ok, duplicate, conflict, or
   * its own error (a taken claim, a unique violation) exactly as if it had been sent alone.
   */
  private appendGrouped(streamId: string, plan: AppendPlan, options: AppendOptions): Promise<AppendRow> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ streamId, plan, options, resolve, reject });
      this.sendGroups();
    });
  }

  private readonly waiting: PendingAppend[] = [];
  private groupsInFlight = 0;

  private sendGroups(): void {
    while (this.groupsInFlight < GROUPS_IN_FLIGHT && this.waiting.length) {
      const group = this.waiting.splice(0, GROUP_MAX);
      this.groupsInFlight++;
      void this.sendGroup(group).finally(() => {
        this.groupsInFlight--;
        this.sendGroups();
      });
    }
  }

  private async sendGroup(group: PendingAppend[]): Promise<void> {
    if (group.length === 1) {
      const [one] = group;
      await this.appendRow(this.db, one.streamId, one.plan, one.options).then(one.resolve, one.reject);
      return;
    }
    let rows: GroupRow[];
    try {
      ({ rows } = await this.db.query<GroupRow>(
        'SELECT ord, outcome, version, stream_id, fingerprint, result, error_code, error_message, error_detail, error_constraint FROM berkas_append_group($1::jsonb)',
        [
          JSON.stringify(
            group.map(({ streamId, plan, options }) => ({
              stream: streamId,
              expected: options.expectedVersion,
              command: options.commandId,
              events: this.eventsOf(plan),
              fingerprint: options.fingerprint,
              result: plan.result,
              sequence: plan.number?.sequence,
              prefix: plan.number?.prefix,
              placeholder: plan.number?.placeholder,
              claims: plan.claims?.length ? plan.claims : undefined,
            })),
          ),
        ],
      ));
    } catch (e) {
      for (const one of group) one.reject(e);
      return;
    }
    const answered = new Set<number>();
    for (const r of rows) {
      const one = group[r.ord - 1];
      answered.add(r.ord - 1);
      if (r.outcome !== 'error') one.resolve({ ...r, outcome: r.outcome });
      else
        // The append's own error, as PostgreSQL raised it: what appendToStream reads from an error is all there.
        one.reject(
          Object.assign(new Error(r.error_message ?? 'append failed'), {
            code: r.error_code ?? undefined,
            detail: r.error_detail ?? undefined,
            constraint: r.error_constraint ?? undefined,
          }),
        );
    }
    group.forEach((one, i) => answered.has(i) || one.reject(new Error(`the grouped append to ${one.streamId} got no answer`)));
  }

  private eventsOf(plan: AppendPlan): object[] {
    return plan.events.map((e) => ({
      eventId: e.eventId ?? randomUUID(),
      type: e.type,
      schemaVersion: this.upcaster.currentVersion(e.type),
      data: e.data,
      metadata: e.metadata,
    }));
  }

  private async appendRow(q: Queryable, streamId: string, plan: AppendPlan, options: AppendOptions): Promise<AppendRow> {
    const payload = JSON.stringify(this.eventsOf(plan));
    const { rows } = await q.query<AppendRow>(
      'SELECT outcome, version, stream_id, fingerprint, result FROM berkas_append($1, $2, $3, $4::jsonb, $5, $6::jsonb, $7, $8, $9, $10::text[])',
      [
        streamId,
        options.expectedVersion,
        options.commandId ?? null,
        payload,
        options.fingerprint ?? null,
        plan.result === undefined ? null : JSON.stringify(plan.result),
        plan.number?.sequence ?? null,
        plan.number?.prefix ?? null,
        plan.number?.placeholder ?? null,
        plan.claims?.length ? plan.claims : null,
      ],
    );
    return rows[0];
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

  async readTenant(tenant: string, unstamped: boolean, after: Checkpoint, limit: number): Promise<StoredEvent[]> {
    // Each part walks events_tenant_order from the checkpoint; the two are merged in log order.
    const part = (which: string) => `(SELECT ${COLUMNS} FROM events
        WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
          AND ${which}
          AND (transaction_id, global_position) > ($1::xid8, $2::bigint)
        ORDER BY events.transaction_id, events.global_position
        LIMIT $3)`;
    const sql = unstamped
      ? `SELECT * FROM (${part("metadata->>'tenant' = $4")} UNION ALL ${part("metadata->>'tenant' IS NULL")}) AS e
          ORDER BY e.transaction_id::xid8, e.global_position::bigint LIMIT $3`
      : part("metadata->>'tenant' = $4");
    const { rows } = await this.db.query<EventRow>(sql, [after.transactionId, after.globalPosition, limit, tenant]);
    return rows.map((r) => this.toStored(r));
  }

  async countTenantEvents(tenant: string, unstamped: boolean): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM events WHERE metadata->>'tenant' = $1 ${unstamped ? "OR metadata->>'tenant' IS NULL" : ''}`,
      [tenant],
    );
    return Number(rows[0].n);
  }

  async countEvents(): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>('SELECT count(*) AS n FROM events');
    return Number(rows[0].n);
  }

  async close(): Promise<void> {
    // The database is owned by whoever opened it.
  }

  private async currentVersion(streamId: string): Promise<number | undefined> {
    const { rows } = await this.db.query<{ version: number }>('SELECT version FROM streams WHERE stream_id = $1', [streamId]);
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
