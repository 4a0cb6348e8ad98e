import { spawn } from 'node:child_process';
import { PgDatabase } from '#berkas/sql';
import { freshPglite, freshPostgres, postgresAvailable, TEST_DATABASE_URL } from '#berkas/sql/testing';
import { Leadership, type Lease } from './leadership.js';

const onPostgres = (await postgresAvailable()) ? describe : describe.skip;

const until = async (ok: () => boolean, ms: number) => {
  const deadline = Date.now() + ms;
  while (!ok() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return ok();
};

/** A job that records when it runs, and fails the test if two replicas ever run it at once. */
function recorder() {
  const running = new Set<string>();
  const overlaps: string[] = [];
  const starts: string[] = [];
  const work = (who: string) => ({
    lead: () => {
      if (running.size) overlaps.push(`${who} while ${[...running].join(',')}`);
      running.add(who);
      starts.push(who);
    },
    follow: () => void running.delete(who),
  });
  return { running, overlaps, starts, work };
}

onPostgres('job leadership on PostgreSQL (D37)', () => {
  let schema: string;
  let drop: () => Promise<void>;
  const dbs: PgDatabase[] = [];
  const leaderships: Leadership[] = [];
  const replica = () => {
    const db = new PgDatabase(TEST_DATABASE_URL, { schema, max: 2 });
    dbs.push(db);
    const l = new Leadership(db, { pollMs: 100 });
    leaderships.push(l);
    return l;
  };

  beforeEach(async () => {
    ({ schema, drop } = await freshPostgres(1));
  });
  afterEach(async () => {
    await Promise.all(leaderships.splice(0).map((l) => l.releaseAll()));
    await Promise.all(dbs.splice(0).map((d) => d.close()));
    await drop();
  });

  it('runs each job in one replica at a time, and a standby takes over when the leader lets go', async () => {
    const r = recorder();
    const a = replica().hold('notifier', r.work('a'));
    const b = replica().hold('notifier', r.work('b'));
    const c = replica().hold('sla-sweep', recorder().work('c'));
    expect(await until(() => [a, b].filter((l) => l.isLeader()).length === 1 && c.isLeader(), 5000)).toBe(true);
    // A second job is led independently of the first.
    await new Promise((res) => setTimeout(res, 500));
    expect([a, b].filter((l) => l.isLeader())).toHaveLength(1);
    const [leader, standby] = a.isLeader() ? [a, b] : [b, a];
    await leader.release();
    expect(await until(() => standby.isLeader(), 3000)).toBe(true);
    expect(r.overlaps).toEqual([]);
    expect(r.starts).toHaveLength(2);
  });

  it('a leader whose connection is cut stops at once, and one replica leads again', async () => {
    const r = recorder();
    const stopped: string[] = [];
    const work = (who: string) => {
      const w = r.work(who);
      return { lead: w.lead, follow: () => (stopped.push(who), w.follow()) };
    };
    const leases: Lease[] = [replica().hold('relay', work('a'))];
    expect(await until(() => leases[0].isLeader(), 5000)).toBe(true);
    leases.push(replica().hold('relay', work('b')));
    await new Promise((res) => setTimeout(res, 300));
    expect(leases[1].isLeader()).toBe(false);
    // The server ends the leader's session (a network cut, a failover): its lock goes with it.
    const admin = new PgDatabase(TEST_DATABASE_URL, { schema, max: 1 });
    dbs.push(admin);
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()
        AND objid = (hashtext($1 || ':berkas-job:relay'))::oid`,
      [schema],
    );
    // The cut leader stopped its work; then whichever asks first leads (the standby, or the old leader on a new
    // connection), and never both at once.
    expect(await until(() => stopped.includes('a') && leases.filter((l) => l.isLeader()).length === 1, 5000)).toBe(true);
    expect(r.starts.length).toBeGreaterThanOrEqual(2);
    expect(r.overlaps).toEqual([]);
  });

  it('a standby takes over after kill -9 of the leader process', async () => {
    const child = spawn(process.execPath, ['dist/libs/testing/src/lease-holder.js', TEST_DATABASE_URL, schema, 'jobs-drill'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      expect(await until(() => out.includes('leading jobs-drill'), 10_000)).toBe(true);
      const standby = replica().hold('jobs-drill', { lead: () => undefined, follow: () => undefined });
      await new Promise((res) => setTimeout(res, 500));
      expect(standby.isLeader()).toBe(false);
      const killedAt = Date.now();
      child.kill('SIGKILL');
      expect(await until(() => standby.isLeader(), 10_000)).toBe(true);
      // The server noticed the dead connection and the standby asked within its poll: a few seconds at most.
      expect(Date.now() - killedAt).toBeLessThan(10_000);
    } finally {
      child.kill('SIGKILL');
    }
  });
});

describe('job leadership on embedded PGlite', () => {
  it('leads at once: the process is alone with its data directory (D15)', async () => {
    const { db, drop } = await freshPglite();
    try {
      const r = recorder();
      const lease = new Leadership(db).hold('notifier', r.work('only'));
      expect(lease.isLeader()).toBe(true);
      await lease.release();
      expect(r.running.size).toBe(0);
      expect(r.starts).toEqual(['only']);
    } finally {
      await drop();
    }
  });
});
