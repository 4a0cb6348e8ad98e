import { Inject, Injectable } from '@nestjs/common';
import { within } from './health.module.js';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { SqlDatabase } from '#berkas/sql';
import type { Leadership } from './leadership.js';
import type { BerkasConfig } from './config.js';
import { BERKAS_CONFIG, SQL_DATABASE } from './tokens.js';

/** Prometheus metrics: process defaults, commands by type and outcome, and how far projections trail the log. */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  readonly commands = new Counter({
    name: 'berkas_commands_total',
    help: 'Dossier commands handled, by type and outcome (ok, duplicate, refused, conflict)',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly commandSeconds = new Histogram({
    name: 'berkas_command_duration_seconds',
    help: 'Dossier command latency, from decision to commit, by type and outcome',
    labelNames: ['type', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  /** Lockouts caused, by kind (officer-login, tracking-pin): a spike is someone guessing (docker/prometheus/berkas-alerts.yml). */
  readonly lockouts = new Counter({
    name: 'berkas_lockouts_total',
    help: 'Lockouts caused by wrong passwords (officer-login) or wrong PINs (tracking-pin)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  private leadership: Leadership | undefined;
  /** 1 while this process leads a background job, 0 while it stands by (an alert fires when no process leads the relay). */
  readonly jobLeader = new Gauge({
    name: 'berkas_job_leader',
    help: 'Whether this process leads each background job (1) or stands by (0)',
    labelNames: ['job'] as const,
    registers: [this.registry],
    collect: () => {
      for (const l of this.leadership?.all() ?? []) this.jobLeader.set({ job: l.job }, l.isLeader() ? 1 : 0);
    },
  });

  watchLeadership(leadership: Leadership): void {
    this.leadership = leadership;
  }

  constructor(@Inject(SQL_DATABASE) db: SqlDatabase, @Inject(BERKAS_CONFIG) config: BerkasConfig) {
    collectDefaultMetrics({ register: this.registry, prefix: 'berkas_' });
    // A scrape must not hang with the database: after 2 s, or when this process has no such table (or may not read it),
    // the gauge is left out of the scrape.
    const rowsOf = <T>(sql: string): Promise<T[] | undefined> =>
      within(2000, db.query<T>(sql)).then(
        (r) => r.rows,
        () => undefined,
      );
    new Gauge({
      name: 'berkas_database_up',
      help: 'Whether the SQL database answered a probe within 2 s at scrape time (1) or not (0)',
      registers: [this.registry],
      async collect() {
        this.set(
          await within(2000, db.query('SELECT 1')).then(
            () => 1,
            () => 0,
          ),
        );
      },
    });
    new Gauge({
      name: 'berkas_notices',
      help: 'Notices to applicants in the outbox, by status (pending, sent, logged, failed, superseded)',
      labelNames: ['status'] as const,
      registers: [this.registry],
      async collect() {
        const rows = await rowsOf<{ status: string; n: number }>(
          "SELECT status, count(*)::int AS n FROM nt_outbox GROUP BY status -- tenant: the deployment's own metric",
        );
        this.reset();
        if (!rows) return;
        for (const status of ['pending', 'sent', 'logged', 'failed', 'superseded']) this.set({ status }, 0);
        for (const r of rows) this.set({ status: r.status }, r.n);
      },
    });
    new Gauge({
      name: 'berkas_notice_oldest_pending_seconds',
      help: 'Age of the oldest notice still waiting to be sent (0 when none waits)',
      registers: [this.registry],
      async collect() {
        const rows = await rowsOf<{ age: number | null }>(
          "SELECT extract(epoch FROM now() - min(created_at))::float8 AS age FROM nt_outbox WHERE status = 'pending' -- tenant: the deployment's own metric",
        );
        if (rows) this.set(Math.max(0, rows[0]?.age ?? 0));
      },
    });
    new Gauge({
      name: 'berkas_projection_quarantined_dossiers',
      help: 'Dossiers a projection has stopped applying because one of their events failed (D36), by projection',
      labelNames: ['projection'] as const,
      registers: [this.registry],
      async collect() {
        // Every projection this database knows (by its checkpoint, or its quarantined dossiers), zero when it has none,
        // so an alert can compare against 0 rather than absence.
        const rows = await rowsOf<{ projection: string; n: number }>(
          `SELECT known.projection, count(q.dossier_id)::int AS n
             FROM (SELECT name AS projection FROM projection_checkpoints UNION SELECT projection FROM projection_quarantine) known
             LEFT JOIN projection_quarantine q USING (projection) GROUP BY known.projection`,
        );
        this.reset();
        for (const r of rows ?? []) this.set({ projection: r.projection }, r.n);
      },
    });
    // It counts rows of the SQL `events` table, which only exists when PostgreSQL is the event store (D20).
    if (config.EVENT_STORE !== 'postgres') return;
    new Gauge({
      name: 'berkas_projection_events_behind',
      help: 'Events in the log not yet applied by each projection',
      labelNames: ['projection'] as const,
      registers: [this.registry],
      async collect() {
        const rows = await rowsOf<{ name: string; behind: string }>(
          `SELECT c.name, (SELECT count(*) FROM events e WHERE (e.transaction_id, e.global_position) > (c.transaction_id, c.global_position))::text AS behind
             FROM projection_checkpoints c`,
        );
        this.reset();
        for (const r of rows ?? []) this.set({ projection: r.name }, Number(r.behind));
      },
    });
  }
}
