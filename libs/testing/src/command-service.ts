import { DocumentNumbers, DossierCommandService } from '#berkas/desk/command-path';
import type { ServiceCatalogue } from '#berkas/domain';
import type { EventStore } from '#berkas/event-store';
import { calendar2026, tariffs, TEST_PIN_SECRET } from '#berkas/domain/testing';

/** The real command path on a store, with the 2026 calendar, for tests and benchmarks. */
export const testCommandService = (store: EventStore, catalogue: ServiceCatalogue): DossierCommandService =>
  new DossierCommandService(store, catalogue, calendar2026(), new DocumentNumbers(calendar2026(), TEST_PIN_SECRET), tariffs());
