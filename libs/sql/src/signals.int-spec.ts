import pg from 'pg';
import { freshPostgres, postgresAvailable, TEST_DATABASE_URL } from '#berkas/sql/testing';
import { PgDatabase } from './sql-database.js';

const available = await postgresAvailable();

const waitFor = async (what: string, ok: () => boolean, ms = 5000): Promise<void> => {
  const until = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > until) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

/** Signals between the processes of one deployment (D57): the relay, projectors and tracking caches rely on them. */
(available ? describe : describe.skip)('change signals on PostgreSQL (LISTEN/NOTIFY)', () => {
  it('reach the listeners of the same deployment only, and say so when the listening connection was lost', async () => {
    const { db: sender, schema, drop } = await freshPostgres(2);
    const receiver = new PgDatabase(TEST_DATABASE_URL, { schema, max: 1 });
    const other = await freshPostgres(1);
    const got: string[] = [];
    const stranger: string[] = [];
    let gaps = 0;
    const listening = receiver.listen(
      'berkas_test',
      (p) => got.push(p),
      () => gaps++,
    );
    const elsewhere = other.db.listen('berkas_test', (p) => stranger.push(p));
    try {
      await Promise.all([listening.ready, elsewhere.ready]);
      await sender.notify('berkas_test', 'a,b');
      await sender.notify('berkas_test');
      await waitFor('both signals', () => got.length === 2);
      expect(got).toEqual(['a,b', '']);
      // Another deployment's schema in the same database hears nothing of this one.
      await new Promise((r) => setTimeout(r, 100));
      expect(stranger).toEqual([]);

      // The listening connection is cut (a database restart, a proxy's idle timeout): it comes back by itself,
      // and the listener is told that signals may have been missed.
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      const { rowCount } = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = $1 AND pid <> pg_backend_pid()`,
        [`LISTEN "berkas_test.${schema}"`],
      );
      await admin.end();
      expect(rowCount).toBe(1);
      await waitFor('the listener to come back', () => gaps === 1);
      await sender.notify('berkas_test', 'c');
      await waitFor('a signal after the loss', () => got.length === 3);
      expect(got[2]).toBe('c');
    } finally {
      await listening.close();
      await elsewhere.close();
      await receiver.close();
      await other.drop();
      await drop();
    }
  });
});
