import { Inject, Injectable, Module } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService, TerminusModule, type HealthCheckResult } from '@nestjs/terminus';
import type { SqlDatabase } from '#berkas/event-store';
import { SQL_DATABASE } from './tokens.js';

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

@Injectable()
export class DatabaseHealth {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async check(timeoutMs = 2000) {
    const h = this.indicator.check('database');
    try {
      const { rows } = await within(
        timeoutMs,
        this.db.query<{ last: string | null }>(`SELECT (SELECT max(global_position) FROM events)::text AS last`),
      );
      return h.up({ engine: this.db.engine, lastPosition: rows[0]?.last ?? '0' });
    } catch (e) {
      return h.down({ engine: this.db.engine, error: (e as Error).message });
    }
  }
}

/** Readiness for operators: the database answers (served on the operations port, see ops-server.ts). */
@Injectable()
export class Readiness {
  constructor(
    private readonly health: HealthCheckService,
    @Inject(DatabaseHealth) private readonly database: DatabaseHealth,
  ) {}

  /** Resolves with the Terminus result whether up or down. */
  async check(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([() => this.database.check()]);
    } catch (e) {
      const body = (e as { getResponse?: () => HealthCheckResult }).getResponse?.();
      if (body) return body;
      throw e;
    }
  }
}

@Module({ imports: [TerminusModule], providers: [DatabaseHealth, Readiness], exports: [Readiness] })
export class HealthModule {}
