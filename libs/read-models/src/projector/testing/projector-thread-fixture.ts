/**
 * A projector thread for projector-thread.int-spec: the read models on a
 * PostgreSQL schema, built as the all-in-one's thread builds them. With
 * `crashOnce` (a file path) the first thread to find no such file writes it
 * and fails 200 ms after it said it was ready: the restart is under test.
 * With `idle` the projector is not started: only a catch-up projects.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { workerData } from 'node:worker_threads';
import { dossierUpcastSteps } from '#berkas/domain';
import { catalogue } from '#berkas/domain/testing';
import { PostgresEventStore, upcasterFrom } from '#berkas/event-store';
import { PgDatabase } from '#berkas/sql';
import { buildProjector } from '../../projector.module.js';
import { serveProjector } from '../projector-thread.js';

const { url, schema, crashOnce, idle } = workerData as { url: string; schema: string; crashOnce?: string; idle?: boolean };
const db = new PgDatabase(url, { schema, max: 3 });
const store = await PostgresEventStore.create(db, { upcaster: upcasterFrom(dossierUpcastSteps) });
// No polling to speak of: woken by the request thread's pokes and the store's signal (D57).
const projector = buildProjector(store, db, catalogue(), 60_000);
if (!idle) projector.start();
serveProjector(projector, () => db.close());
if (crashOnce && !existsSync(crashOnce)) {
  writeFileSync(crashOnce, 'crashed');
  setTimeout(() => {
    throw new Error('the fixture fails on purpose');
  }, 200);
}
