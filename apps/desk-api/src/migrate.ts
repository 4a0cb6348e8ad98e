import 'reflect-metadata';
import { ACCESS_LOG_SCHEMA, LOGIN_ATTEMPTS_SCHEMA, OFFICERS_SCHEMA } from '#berkas/desk';
import { SqlCheckpoints } from '#berkas/messaging';
import { loadCatalogue, openDatabase, openEventStore, parseConfig } from '#berkas/platform';
import { buildProjector, COMPLAINT_INBOX_SCHEMA, QUARANTINE_SCHEMA, SKM_SCHEMA } from '#berkas/read-models';
import { TRACKING_PIN_SCHEMA } from '#berkas/tracking';

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
  await buildProjector(store, db, loadCatalogue(config.CATALOGUE_DIR)).init();
  for (const schema of [
    QUARANTINE_SCHEMA,
    OFFICERS_SCHEMA,
    ACCESS_LOG_SCHEMA,
    LOGIN_ATTEMPTS_SCHEMA,
    SKM_SCHEMA,
    COMPLAINT_INBOX_SCHEMA,
    TRACKING_PIN_SCHEMA,
  ])
    await db.exec(schema);
  await new SqlCheckpoints(db).init();
  await store.close();
  console.log(`Berkas tables are in place (${config.DATABASE_URL ? `schema ${config.DATABASE_SCHEMA}` : 'embedded database'}).`);
} finally {
  await db.close();
}
