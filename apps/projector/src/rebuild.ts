import 'reflect-metadata';
import { CatalogueSync, loadCatalogue, openDatabase, openEventStore, parseConfig, tenantsFromConfig } from '#berkas/platform';
import { buildProjector, rebuildInShadow, type RebuildProgress } from '#berkas/read-models';

/**
 * `npm run rebuild-projections`: replays the configured event store
 * (EVENT_STORE: PostgreSQL's log, or EventStoreDB) from zero into every read
 * model, with progress, rate and time left. On PostgreSQL it builds new
 * tables beside the live ones and swaps them in at the end (D40): everything
 * keeps answering, projectors may keep running. On embedded PGlite it
 * rebuilds in place (stop `npm start` first: the data directory is one
 * process's).
 */
const config = parseConfig(process.env);
const db = await openDatabase(config);
const store = await openEventStore(config, db);
console.log(
  `Rebuilding from ${config.EVENT_STORE === 'eventstoredb' ? `EventStoreDB at ${config.EVENTSTORE_URL}` : 'the PostgreSQL event log'}...`,
);
// Rows of dossiers registered before tenants existed go to the home tenant, as at boot.
const home = tenantsFromConfig(config, []).home.code;
// The catalogue folder and the versions MPPs published from the console (issue 23).
const sync = new CatalogueSync(store, loadCatalogue(config.CATALOGUE_DIR));
await sync.refresh();
const projector = buildProjector(store, db, sync.catalogue, undefined, undefined, home, sync);
await projector.init();
const rebuilt = projector.projections.filter((p) => p.tables.length > 0);
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
const applied =
  db.engine === 'postgres'
    ? await rebuildInShadow({
        main: db,
        schema: config.DATABASE_SCHEMA,
        open: (searchPath) => openDatabase({ ...config, DATABASE_SCHEMA: searchPath }),
        store,
        projections: rebuilt,
        onProgress: show,
        log: (line) => {
          if (tty) process.stdout.write('\n');
          console.log(line);
        },
      })
    : await projector.rebuild(show);
if (tty) process.stdout.write('\n');
console.log(`Rebuilt ${rebuilt.length} projections from ${applied} events in ${Date.now() - started} ms.`);
await store.close();
await db.close();
