import { PgDatabase } from '#berkas/sql';
import { Leadership } from '#berkas/platform';

/**
 * A process that asks for one job's lease and prints when it leads, for the
 * drill that kill -9s a leader (leadership.int-spec): `node lease-holder.js URL SCHEMA JOB`.
 */
const [url, schema, job] = process.argv.slice(2);
const db = new PgDatabase(url, { schema, max: 1 });
const leadership = new Leadership(db, { pollMs: 100 });
leadership.hold(job, {
  lead: () => console.log(`leading ${job}`),
  follow: () => console.log(`standing by ${job}`),
});
setInterval(() => undefined, 1000);
