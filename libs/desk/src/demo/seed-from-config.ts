import type { INestApplicationContext } from '@nestjs/common';
import type { EventStore } from '#berkas/event-store';
import { BERKAS_CONFIG, EVENT_STORE, type BerkasConfig } from '#berkas/platform';
import { DocumentNumbers } from '../application/document-numbers.js';
import { DossierCommandService } from '../application/dossier-command.service.js';
import { PermitSigning } from '../application/permit-signing.js';
import { OfficerRepository } from '../auth/officer.repository.js';
import { seedDemo, type DemoSummary } from './demo-seed.js';

/** Seeds the demo when DEMO_DATA is set; any process with the DeskModule can do it. */
export async function seedDemoIfConfigured(app: INestApplicationContext): Promise<DemoSummary | undefined> {
  const config = app.get<BerkasConfig>(BERKAS_CONFIG);
  if (!config.DEMO_DATA) return undefined;
  return seedDemo({
    service: app.get(DossierCommandService),
    numbers: app.get(DocumentNumbers),
    officers: app.get(OfficerRepository),
    store: app.get<EventStore>(EVENT_STORE),
    now: () => new Date().toISOString(),
    dossiers: config.DEMO_DOSSIERS,
    signing: app.get(PermitSigning),
  });
}
