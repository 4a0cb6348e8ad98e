import { Controller, Get, Inject, Injectable, Module } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TerminusModule } from '@nestjs/terminus';
import type { SqlDatabase } from '../../event-store/src/index.js';
import { SQL_DATABASE } from './tokens.js';

@Injectable()
export class DatabaseHealth {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async check() {
    const h = this.indicator.check('database');
    try {
      const { rows } = await this.db.query<{ lag: string | null }>(`SELECT (SELECT max(global_position) FROM events)::text AS lag`);
      return h.up({ engine: this.db.engine, lastPosition: rows[0]?.lag ?? '0' });
    } catch (e) {
      return h.down({ engine: this.db.engine, error: (e as Error).message });
    }
  }
}

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    @Inject(DatabaseHealth) private readonly database: DatabaseHealth,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.database.check()]);
  }
}

@Module({ imports: [TerminusModule], controllers: [HealthController], providers: [DatabaseHealth] })
export class HealthModule {}
