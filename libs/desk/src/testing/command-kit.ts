import { dossierUpcastSteps } from '#berkas/domain';
import { calendar2026, catalogue, tariffs, TEST_PIN_SECRET } from '#berkas/domain/testing';
import { PostgresEventStore, upcasterFrom } from '#berkas/event-store';
import { buildProjector } from '#berkas/read-models';
import type { SqlDatabase } from '#berkas/sql';
import { DocumentNumbers } from '../application/document-numbers.js';
import { DossierCommandService } from '../application/dossier-command.service.js';

/** What the desk's integration specs decide and project with: the test catalogue, the 2026 calendar, a ready projector. */
export async function commandKit(db: SqlDatabase) {
  const cat = catalogue();
  const store = await PostgresEventStore.create(db, { upcaster: upcasterFrom(dossierUpcastSteps) });
  const service = new DossierCommandService(store, cat, calendar2026(), new DocumentNumbers(calendar2026(), TEST_PIN_SECRET), tariffs());
  const projector = buildProjector(store, db, cat);
  await projector.init();
  return { cat, store, service, projector };
}
