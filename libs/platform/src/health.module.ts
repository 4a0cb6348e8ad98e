import { Inject, Injectable, Module } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService, TerminusModule, type HealthCheckResult } from '@nestjs/terminus';
import type { SqlDatabase } from '#berkas/sql';
import type { BerkasConfig } from './config.js';
import { BERKAS_CONFIG, SQL_DATABASE } from './tokens.js';

/** A promise that gives up after `ms`: a health probe answers in bounded time even against a frozen server. */
export function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Parts of a process that readiness depends on beyond the database (the
 * relay's producer, the consumer's group membership, the event store): each
 * registers a check that resolves with details when up and throws when down.
 */
@Injectable()
export class ReadinessChecks {
  private readonly checks = new Map<string, () => Promise<Record<string, unknown>>>();

  register(name: string, check: () => Promise<Record<string, unknown>>): void {
    this.checks.set(name, check);
  }

  entries(): [string, () => Promise<Record<string, unknown>>][] {
    return [...this.checks];
  }
}

@Injectable()
export class DatabaseHealth {
  /** Whether this process's role may read the event log (asked once). */
  private logReadable: boolean | undefined;

  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(BERKAS_CONFIG) private readonly config: BerkasConfig,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async check(timeoutMs = 2000) {
    const h = this.indicator.check('database');
    try {
      // The `events` table exists only when PostgreSQL is also the event store.
      // The log's newest position, where this process may read the log (public tracking's role may not: it answers
      // readiness with the database alone).
      const readsLog =
        this.config.EVENT_STORE === 'postgres' &&
        (this.logReadable ??= await within(
          timeoutMs,
          this.db.query<{ ok: boolean }>(
            "SELECT coalesce(to_regclass('events') IS NOT NULL AND has_table_privilege(to_regclass('events'), 'SELECT'), false) AS ok",
          ),
        ).then((r) => r.rows[0]?.ok === true));
      const sql = readsLog ? `SELECT (SELECT max(global_position) FROM events)::text AS last` : `SELECT NULL::text AS last`;
      const { rows } = await within(timeoutMs, this.db.query<{ last: string | null }>(sql));
      return h.up({ engine: this.db.engine, ...(readsLog ? { lastPosition: rows[0]?.last ?? '0' } : {}) });
    } catch (e) {
      return h.down({ engine: this.db.engine, error: (e as Error).message });
    }
  }
}

/** Readiness for operators: the database answers, and so does every registered part (served on the operations port, see ops-server.ts). */
@Injectable()
export class Readiness {
  constructor(
    private readonly health: HealthCheckService,
    @Inject(DatabaseHealth) private readonly database: DatabaseHealth,
    @Inject(ReadinessChecks) private readonly parts: ReadinessChecks,
    private readonly indicator: HealthIndicatorService,
  ) {}

  /**
   * Resolves with the Terminus result whether up or down. A part that is up
   * but not whole (quarantined dossiers) reports `state: 'degraded'`: the
   * process stays ready, and the answer names those parts under `degraded`.
   */
  async check(): Promise<HealthCheckResult & { degraded?: string[] }> {
    const result = await this.terminus();
    const degraded = Object.entries(result.details ?? {})
      .filter(([, d]) => (d as { state?: unknown }).state === 'degraded')
      .map(([name]) => name);
    return degraded.length ? { ...result, degraded } : result;
  }

  private async terminus(): Promise<HealthCheckResult> {
    const parts = this.parts.entries().map(([name, check]) => async () => {
      const h = this.indicator.check(name);
      try {
        return h.up(await within(2000, check()));
      } catch (e) {
        return h.down({ error: (e as Error).message });
      }
    });
    try {
      return await this.health.check([() => this.database.check(), ...parts]);
    } catch (e) {
      const body = (e as { getResponse?: () => HealthCheckResult }).getResponse?.();
      if (body) return body;
      throw e;
    }
  }
}

@Module({ imports: [TerminusModule], providers: [DatabaseHealth, Readiness], exports: [Readiness] })
export class HealthModule {}
