import type { DedicatedSession, SqlDatabase } from '#berkas/sql';

/** What a job does when this process becomes its leader, and when it stops being one. */
export interface LeaderWork {
  lead(): void | Promise<void>;
  follow(): void | Promise<void>;
}

export interface LeaseOptions {
  /** How often a standby asks for the lease, and a leader checks its connection (ms). */
  pollMs?: number;
  onChange?: (job: string, leader: boolean, reason: string) => void;
}

/** One job's lease: whether this process holds it now. */
export interface Lease {
  readonly job: string;
  isLeader(): boolean;
  /** Since when this process has been leader or standby (ISO). */
  since(): string;
  release(): Promise<void>;
}

/**
 * Elects one leader per background job across replicas (D37): a PostgreSQL
 * session-level advisory lock on a connection of its own, keyed by the schema
 * and the job's name. The server lets go of it the moment the leader's
 * connection ends (a crash, kill -9, a network cut noticed by keepalive), and a
 * standby asking every `pollMs` takes over, one poll after it got the lock
 * (so a leader cut off a moment before has noticed and stopped). A leader
 * that loses its connection stops its work at once. On embedded PGlite the process is alone
 * with its data directory (D15), so it leads from the start.
 */
export class Leadership {
  private readonly leases: Lease[] = [];

  constructor(
    private readonly db: SqlDatabase,
    private readonly options: LeaseOptions = {},
  ) {}

  hold(job: string, work: LeaderWork): Lease {
    const lease = this.db.session ? new AdvisoryLease(job, this.db, work, this.options) : new SoleLease(job, work, this.options);
    this.leases.push(lease);
    return lease;
  }

  all(): Lease[] {
    return [...this.leases];
  }

  async releaseAll(): Promise<void> {
    await Promise.all(this.leases.map((l) => l.release()));
  }
}

class SoleLease implements Lease {
  private leading = true;
  private readonly at = new Date().toISOString();
  private readonly started: Promise<void>;

  constructor(
    readonly job: string,
    private readonly work: LeaderWork,
    options: LeaseOptions,
  ) {
    options.onChange?.(job, true, 'embedded database: the only process');
    this.started = Promise.resolve(work.lead());
  }

  isLeader(): boolean {
    return this.leading;
  }

  since(): string {
    return this.at;
  }

  async release(): Promise<void> {
    if (!this.leading) return;
    this.leading = false;
    await this.started.catch(() => undefined);
    await this.work.follow();
  }
}

class AdvisoryLease implements Lease {
  private leading = false;
  private at = new Date().toISOString();
  private session: DedicatedSession | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private turn: Promise<void> = Promise.resolve();

  constructor(
    readonly job: string,
    private readonly db: SqlDatabase,
    private readonly work: LeaderWork,
    private readonly options: LeaseOptions,
  ) {
    this.schedule(0);
  }

  isLeader(): boolean {
    return this.leading;
  }

  since(): string {
    return this.at;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.turn = this.tick().finally(() => this.schedule(this.options.pollMs ?? 2000));
    }, ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      if (this.leading) {
        // Still connected? A query that fails means the server may already have handed the lease to another.
        await this.session!.query('SELECT 1');
        return;
      }
      this.session ??= await this.open();
      const { rows } = await this.session.query<{ ok: boolean }>(
        "SELECT pg_try_advisory_lock(hashtext(current_schema() || ':berkas-job:' || $1)) AS ok",
        [this.job],
      );
      if (!rows[0]?.ok) return;
      // The lock is ours, but a leader cut off a moment ago may not have noticed yet (its next check is up to one
      // poll away): wait that long, still holding the lock, so the two never work at once.
      await new Promise((resolve) => setTimeout(resolve, this.options.pollMs ?? 2000));
      await this.session.query('SELECT 1');
      if (!this.stopped) await this.become(true, 'lease taken');
    } catch (e) {
      await this.lose(`connection lost: ${(e as Error).message}`);
    }
  }

  private async open(): Promise<DedicatedSession> {
    const session = await this.db.session!();
    void session.ended.then(() => {
      if (this.session === session) void this.lose('connection ended');
    });
    return session;
  }

  private async become(leader: boolean, reason: string): Promise<void> {
    if (this.leading === leader) return;
    this.leading = leader;
    this.at = new Date().toISOString();
    this.options.onChange?.(this.job, leader, reason);
    if (leader) await this.work.lead();
    else await this.work.follow();
  }

  private async lose(reason: string): Promise<void> {
    const session = this.session;
    this.session = undefined;
    await session?.close();
    await this.become(false, reason);
  }

  async release(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.turn.catch(() => undefined);
    // Work stops before the lock goes, so the next leader never overlaps with this one.
    await this.become(false, 'released');
    const session = this.session;
    this.session = undefined;
    await session?.close();
  }
}
