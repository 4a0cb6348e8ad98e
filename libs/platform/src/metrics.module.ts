import { Inject, Injectable } from '@nestjs/common';
import { within } from './health.module.js';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { SqlDatabase } from '#berkas/event-store';
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

  constructor(@Inject(SQL_DATABASE) db: SqlDatabase, @Inject(BERKAS_CONFIG) config: BerkasConfig) {
    collectDefaultMetrics({ register: this.registry, prefix: 'berkas_' });
    // It counts rows of the SQL `events` table, which only exists when PostgreSQL is the event store (D20).
    if (config.EVENT_STORE !== 'postgres') return;
    new Gauge({
      name: 'berkas_projection_events_behind',
      help: 'Events in the log not yet applied by each projection',
      labelNames: ['projection'] as const,
      registers: [this.registry],
      async collect() {
        // A scrape must not hang with the database: after 2 s it reports without this gauge.
        const rows = await within(
          2000,
          db.query<{ name: string; behind: string }>(
            `SELECT c.name, (SELECT count(*) FROM events e WHERE (e.transaction_id, e.global_position) > (c.transaction_id, c.global_position))::text AS behind
               FROM projection_checkpoints c`,
          ),
        ).then(
          (r) => r.rows,
          () => [],
        );
        this.reset();
        for (const r of rows) this.set({ projection: r.name }, Number(r.behind));
      },
    });
  }
}
