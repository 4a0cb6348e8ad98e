/**
 * `run-bench`'s projector on a thread of its own, as the all-in-one runs it on PostgreSQL (issue 24): the bench's
 * projections, each wrapped to note when an event reaches its read model, on a pool of its own. The notes go back on
 * the `berkas-bench-seen` channel, in the process's clock (performance.timeOrigin + now).
 */
import { BroadcastChannel, workerData } from 'node:worker_threads';
import { dossierUpcastSteps } from '#berkas/domain';
import { PostgresEventStore, upcasterFrom } from '#berkas/event-store';
import { buildProjector, Projector, serveProjector } from '#berkas/read-models';
import { PgDatabase } from '#berkas/sql';
import { catalogue } from '#berkas/testing';
import { timed } from './bench-support.js';

const { url, schema } = workerData as { url: string; schema: string };
const db = new PgDatabase(url, { schema, max: 4 });
const store = await PostgresEventStore.create(db, { upcaster: upcasterFrom(dossierUpcastSteps) });
// Each first note is also queued for the request thread, in the process's clock.
const fresh: [string, number][] = [];
class Noting extends Map<string, number> {
  override set(key: string, at: number): this {
    if (!this.has(key)) fresh.push([key, performance.timeOrigin + at]);
    return super.set(key, at);
  }
}
const seen = new Noting();
const base = buildProjector(store, db, catalogue(), 10);
const projector = new Projector(
  store,
  db,
  base.projections.map((p) => timed(p, seen)),
  { pollMs: 10 },
);
const channel = new BroadcastChannel('berkas-bench-seen');
const flush = setInterval(() => {
  if (fresh.length) channel.postMessage(fresh.splice(0));
}, 20);
projector.start();
serveProjector(projector, async () => {
  clearInterval(flush);
  channel.close();
  await db.close();
});
