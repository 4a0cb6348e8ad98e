import type { INestApplicationContext } from '@nestjs/common';
import type { EventStore } from '#berkas/event-store';
import type { FileStore } from '#berkas/files';
import { BERKAS_CONFIG, EVENT_STORE, FILE_STORE, SQL_DATABASE, TENANTS, type BerkasConfig, type Tenants } from '#berkas/platform';
import { createTables, type SqlDatabase } from '#berkas/sql';
import { publicInboxTables } from '#berkas/public-inbox';
import { DocumentNumbers } from '../application/document-numbers.js';
import { DossierCommandService } from '../application/dossier-command.service.js';
import { PermitSigning } from '../application/permit-signing.js';
import { OfficerRepository } from '../auth/officer.repository.js';
import { seedDemo, type DemoSummary } from './demo-seed.js';

/** Seeds the demo when DEMO_DATA is set; any process with the DeskModule can do it. */
export async function seedDemoIfConfigured(app: INestApplicationContext): Promise<DemoSummary | undefined> {
  const config = app.get<BerkasConfig>(BERKAS_CONFIG);
  if (!config.DEMO_DATA) return undefined;
  const tenants = app.get<Tenants>(TENANTS);
  return seedDemo({
    tenant: tenants.home.code,
    otherTenants: tenants
      .all()
      .map((t) => t.code)
      .filter((c) => c !== tenants.home.code),
    service: app.get(DossierCommandService),
    numbers: app.get(DocumentNumbers),
    officers: app.get(OfficerRepository),
    store: app.get<EventStore>(EVENT_STORE),
    now: () => new Date().toISOString(),
    dossiers: config.DEMO_DOSSIERS,
    signing: app.get(PermitSigning),
    drafts: await draftsIfServed(app, config),
  });
}

/** Where the demo's online application goes: the public inbox and the file store, when this process has them. */
async function draftsIfServed(app: INestApplicationContext, config: BerkasConfig) {
  let files: FileStore;
  try {
    files = app.get<FileStore>(FILE_STORE, { strict: false });
  } catch {
    return undefined;
  }
  const db = app.get<SqlDatabase>(SQL_DATABASE, { strict: false });
  await createTables(db, [publicInboxTables(app.get<Tenants>(TENANTS).home.code)]);
  return { db, files, pinSecret: config.PIN_SECRET, expiryDays: config.DRAFT_EXPIRY_DAYS };
}
