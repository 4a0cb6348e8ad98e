import 'reflect-metadata';
import { openDatabase, openEventStore, parseConfig } from '#berkas/platform';
import { ServiceCatalogue } from '#berkas/domain';
import { buildProjector, type RebuildProgress } from '#berkas/read-models';

/**
 * `npm run rebuild-projections`: empties every read model and replays the
 * configured event store (EVENT_STORE: PostgreSQL's log, or EventStoreDB) from
 * zero, with progress, rate and time left. Stop the projector first.
 */
const config = parseConfig(process.env);
const db = await openDatabase(config);
const store = await openEventStore(config, db);
console.log(
  `Rebuilding from ${config.EVENT_STORE === 'eventstoredb' ? `EventStoreDB at ${config.EVENTSTORE_URL}` : 'the PostgreSQL event log'}...`,
);
const projector = buildProjector(store, db, ServiceCatalogue.load(config.CATALOGUE_DIR));
await projector.init();
const started = Date.now();
const tty = process.stdout.isTTY;
let lastLine = 0;
const show = ({ applied, total, perSecond, secondsLeft }: RebuildProgress) => {
  const width = 30;
  const filled = total ? Math.round((width * Math.min(applied, total)) / total) : width;
  const left = secondsLeft === undefined ? '' : `, ${Math.ceil(secondsLeft)} s left`;
  const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${applied}/${total ?? '?'} events, ${Math.round(perSecond)}/s${left}`;
  // On a terminal the bar redraws in place; in a log, one line every few seconds.
  if (tty) process.stdout.write(`\r${line}`);
  else if (Date.now() - lastLine > 5_000 || applied === total) {
    console.log(line);
    lastLine = Date.now();
  }
};
const applied = await projector.rebuild(show);
if (tty) process.stdout.write('\n');
console.log(`Rebuilt ${projector.projections.length} projections from ${applied} events in ${Date.now() - started} ms.`);
await store.close();
await db.close();
