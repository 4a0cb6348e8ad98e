import 'reflect-metadata';
import { parseConfig } from '#berkas/platform';
import { openDatabase } from '#berkas/platform';
import { ServiceCatalogue, dossierUpcastSteps } from '#berkas/domain';
import { PostgresEventStore, START, checkpointOf, upcasterFrom } from '#berkas/event-store';
import { buildProjector } from '#berkas/read-models';

/**
 * `npm run rebuild-projections`: empties every read model and replays the
 * event log from zero, with a progress bar. Stop the projector first.
 */
const config = parseConfig(process.env);
const db = await openDatabase(config);
const store = await PostgresEventStore.create(db, { upcaster: upcasterFrom(dossierUpcastSteps) });
let total = 0;
for (let cp = START; ;) {
  const batch = await store.readAll(cp, 1000);
  if (!batch.length) break;
  total += batch.length;
  cp = checkpointOf(batch[batch.length - 1]);
}
const projector = buildProjector(store, db, ServiceCatalogue.load(config.CATALOGUE_DIR));
await projector.init();
const started = Date.now();
const bar = (done: number) => {
  const width = 30;
  const filled = total ? Math.round((width * Math.min(done, total)) / total) : width;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
};
await projector.rebuild((name, applied) => {
  process.stdout.write(`\r${name.padEnd(16)} ${bar(applied)}`);
  if (applied >= total) process.stdout.write('\n');
});
console.log(`Rebuilt ${projector.projections.length} projections from ${total} events in ${Date.now() - started} ms.`);
await db.close();
