import { Inject, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import type { ServiceCatalogue } from '#berkas/domain';
import type { EventStore, StoredEvent } from '#berkas/event-store';
import type { SqlDatabase } from '#berkas/sql';
import type { BerkasConfig, Tenants } from '#berkas/platform';
import { BERKAS_CONFIG, CATALOGUE, CatalogueSync, EVENT_STORE, PROJECTOR, ReadinessChecks, SQL_DATABASE, TENANTS } from '#berkas/platform';
import { DossierEventsCommitted } from './projector/dossier-events-committed.js';
import { readModelProjections } from './read-model-projections.js';
import { Projector } from './projector/projector.js';
import { ProjectorThread, type ProjectorHandle } from './projector/projector-thread.js';
import { countQuarantine } from './projector/quarantine.js';
import { announcePublicChanges } from './public-tracking/public-changes.js';

export function buildProjector(
  store: EventStore,
  db: SqlDatabase,
  catalogue: ServiceCatalogue,
  pollMs?: number,
  lingerMs?: number,
  home?: string,
  sync?: CatalogueSync,
): Projector {
  const logger = new Logger('Projector');
  return new Projector(store, db, readModelProjections(catalogue, home), {
    pollMs,
    lingerMs,
    // A dossier registered (or moved) under a version an MPP just published in another process: read it first.
    ...(sync ? { beforeApply: catalogueReadyFor(sync) } : {}),
    onError: (name, e) => logger.error(`${name}: ${e instanceof Error ? e.stack : String(e)}`),
    onQuarantined: (q) =>
      logger.error(
        `Dossier ${q.dossierId} quarantined for ${q.projection} at ${q.eventType}: ${q.error}. Its other events wait; ` +
          'every other dossier goes on. Fix the cause, then retry it from the console (Karantina) or POST /api/quarantine/retry.',
      ),
  });
}

/**
 * What a projector does before it folds a page of the log: reads the versions MPPs published that the page needs and
 * this process does not know yet (issue 23), so no dossier is projected with a definition it has not read.
 */
export const catalogueReadyFor =
  (sync: CatalogueSync) =>
  async (events: StoredEvent[]): Promise<void> => {
    // A migration names only the version: rare enough to read the published catalogue again for.
    if (events.some((e) => e.type === 'DossierMigrated')) await sync.refresh();
    else await sync.ensure(servicesNamed(events));
  };

/** The service versions the registrations of a page of the log name. */
const servicesNamed = (events: StoredEvent[]): { code: string; version: number }[] =>
  events.filter((e) => e.type === 'DossierRegistered').map((e) => (e.data as { service: { code: string; version: number } }).service);

@EventsHandler(DossierEventsCommitted)
export class PokeProjectorOnCommit implements IEventHandler<DossierEventsCommitted> {
  constructor(@Inject(PROJECTOR) private readonly projector: ProjectorHandle) {}
  handle(): void {
    this.projector.poke();
  }
}

/** Creates the read-model tables; runs the projector in this process when RUN_PROJECTOR is true. */
@Module({
  providers: [
    {
      provide: PROJECTOR,
      inject: [EVENT_STORE, SQL_DATABASE, CATALOGUE, BERKAS_CONFIG, ReadinessChecks, TENANTS, CatalogueSync],
      useFactory: async (
        store: EventStore,
        db: SqlDatabase,
        catalogue: ServiceCatalogue,
        config: BerkasConfig,
        readiness: ReadinessChecks,
        tenants: Tenants,
        sync: CatalogueSync,
      ) => {
        // Embedded PGlite holding the log is written by this process alone (D15), and every local commit pokes the
        // projector: the poll is only a safety net there, and each poll would hold the event loop that serves requests.
        const logger = new Logger('Projector');
        const embeddedLog = db.engine === 'pglite' && config.EVENT_STORE === 'postgres';
        const pollMs = config.PROJECTOR_POLL_MS ?? (embeddedLog ? 5_000 : 250);
        // Built in both cases: it creates the read-model tables before anything reads them.
        const local = buildProjector(store, db, catalogue, pollMs, config.PROJECTOR_LINGER_MS, tenants.home.code, sync);
        await local.init();
        // On PostgreSQL the projector works on a thread of its own (issue 24): the request thread decides and appends.
        const thread =
          config.RUN_PROJECTOR && config.PROJECTOR_THREAD && db.engine === 'postgres' && config.EVENT_STORE === 'postgres'
            ? new ProjectorThread({
                entry: new URL('./projector/projector-worker.js', import.meta.url),
                workerData: { config },
                onError: (message) => logger.error(message),
              })
            : undefined;
        const projector: ProjectorHandle = thread ?? local;
        // Tracking processes of their own drop a dossier's cached answer the moment its public row changes (D57); a
        // projector thread says so itself.
        if (config.RUN_PROJECTOR && db.notify && !thread)
          projector.onCommit((projection, ids) => {
            if (projection === 'public-tracking')
              announcePublicChanges(db, ids).catch((e: unknown) => logger.warn(`public changes not announced: ${String(e)}`));
          });
        // Quarantined dossiers leave the process ready (every other dossier is served) but say so, with the count.
        if (config.RUN_PROJECTOR)
          readiness.register('projections', async () => {
            // A thread that is starting (or starting again) projects nothing yet: the process is not ready until it is up.
            if (thread && !thread.up) throw new Error('the projector thread is starting');
            // A projector whose rounds keep failing (its backlog does not shrink) is not ready after PROJECTION_STALL_SECONDS.
            const stalled = (Date.now() - projector.lastGoodRound) / 1000;
            if (stalled > config.PROJECTION_STALL_SECONDS)
              throw new Error(`no projection round has succeeded for ${Math.round(stalled)} s${thread ? ' (on its thread)' : ''}`);
            const quarantined = await countQuarantine(db);
            return { state: quarantined ? 'degraded' : 'ok', quarantined, thread: thread ? 'own' : 'requests' };
          });
        return projector;
      },
    },
    PokeProjectorOnCommit,
  ],
  exports: [PROJECTOR],
})
export class ProjectorModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(PROJECTOR) private readonly projector: ProjectorHandle,
    @Inject(BERKAS_CONFIG) private readonly config: BerkasConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.RUN_PROJECTOR) this.projector.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.projector.stop();
  }
}
