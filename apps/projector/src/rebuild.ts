import 'reflect-metadata';
import { CatalogueSync, loadCatalogue, openDatabase, openEventStore, parseConfig, tenantsFromConfig } from '#berkas/platform';
import { buildProjector, rebuildInShadow, rebuildTenantInShadow, type RebuildProgress } from '#berkas/read-models';

/**
 * `npm run rebuild-projections`: replays the configured event store
 * (EVENT_STORE: PostgreSQL's log, or EventStoreDB) from zero into every read
 * model, with progress, rate and time left. On PostgreSQL it builds new
 * tables beside the live ones and swaps them in at the end (D40): everything
 * keeps answering, projectors may keep running. On embedded PGlite it
 * rebuilds in place (stop `npm start` first: the data directory is one
 * process's).
 *
 * `npm run rebuild-projections -- --tenant <code>` rebuilds one MPP's rows
 * alone, from its part of the log, and leaves every other MPP's rows as they
 * are (issue 23); PostgreSQL only.
 */
const config = parseConfig(process.env);
const flag = process.argv.indexOf('--tenant');
const only = flag >= 0 ? process.argv[flag + 1] : undefined;
if (flag >= 0 && (!only || only.startsWith('-'))) {
  console.error('--tenant needs an MPP code: npm run rebuild-projections -- --tenant kota-denpasar');
  process.exit(2);
}
// Rows of dossiers registered before tenants existed go to the home tenant, as at boot.
const tenants = tenantsFromConfig(config, []);
const home = tenants.home.code;
if (only && !tenants.get(only)) {
  console.error(
    `No MPP ${only} in this deployment (it serves ${tenants
      .all()
      .map((t) => t.code)
      .join(', ')})`,
  );
  process.exit(2);
}
const db = await openDatabase(config);
if (only && db.engine !== 'postgres') {
  console.error('One MPP alone is rebuilt on PostgreSQL; embedded PGlite rebuilds every MPP, in place (leave out --tenant).');
  process.exit(2);
}
const store = await openEventStore(config, db);
console.log(
  `Rebuilding ${only ? `the rows of ${only} ` : ''}from ${config.EVENT_STORE === 'eventstoredb' ? `EventStoreDB at ${config.EVENTSTORE_URL}` : 'the PostgreSQL event log'}...`,
);
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
const shadow = {
  main: db,
  schema: config.DATABASE_SCHEMA,
  open: (searchPath: string) => openDatabase({ ...config, DATABASE_SCHEMA: searchPath }),
  store,
  projections: rebuilt,
  onProgress: show,
  log: (line: string) => {
    if (tty) process.stdout.write('\n');
    console.log(line);
  },
};
const applied = only
  ? await rebuildTenantInShadow({ ...shadow, tenant: only, home: only === home })
  : db.engine === 'postgres'
    ? await rebuildInShadow(shadow)
    : await projector.rebuild(show);
if (tty) process.stdout.write('\n');
console.log(`Rebuilt ${rebuilt.length} projections${only ? ` for ${only}` : ''} from ${applied} events in ${Date.now() - started} ms.`);
await store.close();
await db.close();
