import 'reflect-metadata';
import { BANK_TABLES, DESK_TABLES, officersOfHomeTenant } from '#berkas/desk';
import { SIGNED_DOCUMENTS_TABLES } from '#berkas/documents';
import { MESSAGING_TABLES } from '#berkas/messaging';
import { loadCatalogue, openDatabase, openEventStore, parseConfig, tenantsFromConfig } from '#berkas/platform';
import { buildProjector, escalationTables } from '#berkas/read-models';
import { publicInboxTables } from '#berkas/public-inbox';
import { createTables } from '#berkas/sql';
import { TRACKING_TABLES } from '#berkas/tracking';

/**
 * `npm run migrate`: creates or upgrades every table of every Berkas process
 * (event store, read models, accounts, public side, relay), then exits. Run it
 * as the schema's owner before starting processes whose roles may not change
 * the schema (DB_MIGRATE=false, docker/postgres/roles.sql). Every statement is
 * idempotent: running it again changes nothing.
 */
const config = parseConfig({ ...process.env, DB_MIGRATE: 'true' });
const db = await openDatabase(config);
try {
  const store = await openEventStore(config, db);
  const home = tenantsFromConfig(config, []).home.code;
  const projector = buildProjector(store, db, loadCatalogue(config.CATALOGUE_DIR), undefined, undefined, home);
  await createTables(db, [
    projector.tables(),
    DESK_TABLES,
    officersOfHomeTenant(home),
    BANK_TABLES,
    SIGNED_DOCUMENTS_TABLES,
    publicInboxTables(home),
    TRACKING_TABLES,
    MESSAGING_TABLES,
    escalationTables(home),
  ]);
  await store.close();
  console.log(`Berkas tables are in place (${config.DATABASE_URL ? `schema ${config.DATABASE_SCHEMA}` : 'embedded database'}).`);
} finally {
  await db.close();
}
