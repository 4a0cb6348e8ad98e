import { join } from 'node:path';
import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { loadYearCalendars, ServiceCatalogue, WorkingCalendar, dossierUpcastSteps } from '#berkas/domain';
import {
  EventStoreDbEventStore,
  PgDatabase,
  PgliteDatabase,
  PostgresEventStore,
  upcasterFrom,
  type EventStore,
  type SqlDatabase,
} from '#berkas/event-store';
import { ReadinessChecks } from './health.module.js';
import { loggingModule } from './logging.js';
import { parseConfig, type BerkasConfig } from './config.js';
import { BERKAS_CONFIG, CALENDAR, CATALOGUE, EVENT_STORE, SQL_DATABASE } from './tokens.js';
import { Metrics } from './metrics.module.js';

export async function openDatabase(config: BerkasConfig): Promise<SqlDatabase> {
  if (config.DATABASE_URL)
    return new PgDatabase(config.DATABASE_URL, {
      schema: config.DATABASE_SCHEMA,
      timeouts: {
        connectMs: config.DB_CONNECT_TIMEOUT_MS,
        statementMs: config.DB_STATEMENT_TIMEOUT_MS,
        queryMs: config.DB_QUERY_TIMEOUT_MS,
        idleInTransactionMs: Math.max(config.DB_STATEMENT_TIMEOUT_MS * 2, 10_000),
      },
    });
  return PgliteDatabase.open(join(config.BERKAS_DATA_DIR, 'pglite'));
}

/**
 * Config, database, event store, catalogue and calendar: what every Berkas
 * process shares. `overrides.env` pins settings over the environment.
 */
@Global()
@Module({})
export class PlatformModule implements OnApplicationShutdown {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(BERKAS_CONFIG) config: BerkasConfig,
    @Inject(ReadinessChecks) readiness: ReadinessChecks,
  ) {
    // With EventStoreDB the events live apart from the SQL database: readiness asks the store too.
    if (config.EVENT_STORE === 'eventstoredb')
      readiness.register('eventStore', async () => {
        await store.readStream('health-probe');
        return { engine: 'eventstoredb', namespace: config.EVENTSTORE_NAMESPACE };
      });
  }

  static forRoot(overrides: { env?: Record<string, string>; service?: string } = {}): DynamicModule {
    // Read once, here; a bad value stops the boot naming the variable.
    const config = parseConfig({ ...process.env, ...(overrides.env ?? {}) });
    return {
      module: PlatformModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => config] }),
        loggingModule(config, overrides.service ?? 'berkas'),
      ],
      providers: [
        Metrics,
        ReadinessChecks,
        { provide: BERKAS_CONFIG, useValue: config },
        {
          provide: SQL_DATABASE,
          inject: [BERKAS_CONFIG],
          useFactory: (c: BerkasConfig) => openDatabase(c),
        },
        {
          provide: EVENT_STORE,
          inject: [SQL_DATABASE, BERKAS_CONFIG],
          useFactory: (db: SqlDatabase, c: BerkasConfig) => {
            const upcaster = upcasterFrom(dossierUpcastSteps);
            if (c.EVENT_STORE === 'eventstoredb')
              return EventStoreDbEventStore.connect(c.EVENTSTORE_URL!, { upcaster, namespace: c.EVENTSTORE_NAMESPACE });
            return PostgresEventStore.create(db, { upcaster });
          },
        },
        { provide: CATALOGUE, inject: [BERKAS_CONFIG], useFactory: (c: BerkasConfig) => ServiceCatalogue.load(c.CATALOGUE_DIR) },
        {
          provide: CALENDAR,
          inject: [BERKAS_CONFIG],
          useFactory: (c: BerkasConfig) =>
            new WorkingCalendar({
              zone: c.MPP_TIME_ZONE,
              saturdayOpen: c.MPP_SATURDAY_OPEN,
              regionalHolidays: c.MPP_REGIONAL_HOLIDAYS,
              years: loadYearCalendars(c.CALENDAR_DIR),
            }),
        },
      ],
      exports: [BERKAS_CONFIG, SQL_DATABASE, EVENT_STORE, CATALOGUE, CALENDAR, Metrics, ReadinessChecks],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    await this.db.close();
  }
}
