import { spawn, type ChildProcess } from 'node:child_process';
import { LIVE } from './live-processes.js';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PBG_PARTICULARS, postgresAvailable, REKLAME_PARTICULARS, TEST_DATABASE_URL } from '#berkas/testing';

export interface Reply {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

export type EnvFactory = () => Promise<{ env: Record<string, string>; drop: () => Promise<void> }>;

/** Where an end-to-end run keeps its data: a fresh PGlite folder, or a fresh schema on the PostgreSQL server. */
export async function e2eEngines(): Promise<[string, EnvFactory][]> {
  const engines: [string, EnvFactory][] = [
    [
      'PGlite',
      async () => {
        const dir = mkdtempSync(join(tmpdir(), 'berkas-e2e-'));
        return { env: { BERKAS_DATA_DIR: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
      },
    ],
  ];
  if (await postgresAvailable())
    engines.push([
      'PostgreSQL',
      async () => {
        const schema = `berkas_e2e_${randomBytes(5).toString('hex')}`;
        const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
        await admin.connect();
        await admin.query(`CREATE SCHEMA ${schema}`);
        await admin.end();
        const secret = randomBytes(24).toString('hex');
        return {
          env: {
            DATABASE_URL: TEST_DATABASE_URL,
            DATABASE_SCHEMA: schema,
            JWT_SECRET: secret,
            PIN_SECRET: secret + 'pin',
            BERKAS_DATA_DIR: mkdtempSync(join(tmpdir(), 'berkas-e2e-')),
          },
          drop: async () => {
            const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
            await c.connect();
            await c.query(`DROP SCHEMA ${schema} CASCADE`);
            await c.end();
          },
        };
      },
    ]);
  return engines;
}

/**
 * The real all-in-one process (`node dist/apps/berkas/src/main.js`) on a
 * random port with the demo accounts, driven over HTTP as a browser would.
 */
/** Probes until `ok` holds or time runs out; returns the last answer either way (the assertion says what was wrong). */
export async function eventually<T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs: number, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export class Harness {
  private tokens = new Map<string, string>();

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    /** What the process printed until it was ready (the banner). */
    readonly banner: string,
    /** The operations port (health, metrics), from the banner. */
    readonly opsUrl: string | undefined,
    private readonly printed: () => string,
  ) {}

  /**
   * Starts an entry point (default: the all-in-one), waits until it prints its
   * URL and then until its readiness answers 200. The limit is generous (a
   * busy machine boots slowly; CI once failed 41 tests on a 30 s wait); a
   * process that never got there is killed, and so is every process a test
   * file left running (see `killAll`).
   */
  static async start(
    env: Record<string, string | undefined>,
    entry = 'dist/apps/berkas/src/main.js',
    ready = /public tracking:\s+(http:\/\/\S+?)\/\s/,
    startTimeoutMs = 120_000,
  ): Promise<Harness> {
    const started = Date.now();
    const child = spawn(process.execPath, [entry], {
      env: {
        ...process.env,
        PORT: '0',
        OPS_PORT: '0',
        DEMO_DATA: 'true',
        DEMO_DOSSIERS: 'false',
        PROJECTOR_POLL_MS: '20',
        TRACKING_RATE_LIMIT: '1000',
        LOGIN_RATE_LIMIT: '1000',
        LOGIN_ACCOUNT_RATE_LIMIT: '1000',
        LOGIN_CLIENT_FAILURES: '1000',
        // Suites are one client: the number-wide limit (D39) has its own tests.
        TRACKING_PIN_NUMBER_FAILURES_PER_MINUTE: '1000',
        LOG_JSON: 'false',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    LIVE.add(child);
    child.once('exit', () => LIVE.delete(child));
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`app did not start:\n${output}`)), startTimeoutMs);
      const onData = (d: Buffer) => {
        output += d.toString();
        const m = ready.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`app exited with ${code}:\n${output}`));
      });
    }).catch((e: unknown) => {
      // A process that never became ready must not outlive the test (Jest would wait for it).
      child.kill('SIGKILL');
      throw e;
    });
    // The listeners keep collecting after the banner: logs() reads the same buffer.
    const harness = new Harness(child, url, output, /operations:\s+(http:\/\/\S+?)\/health/.exec(output)?.[1], () => output);
    if (harness.opsUrl) {
      // Printed its URL: now ready as operators define it (database, event store, the parts it runs).
      const ready = await eventually(
        () =>
          fetch(`${harness.opsUrl}/health/ready`).then(
            (r) => r.status,
            () => 0,
          ),
        (status) => status === 200,
        Math.max(5_000, startTimeoutMs - (Date.now() - started)),
        100,
      );
      if (ready !== 200) {
        child.kill('SIGKILL');
        throw new Error(`app never became ready (readiness ${ready}):\n${output}`);
      }
    }
    return harness;
  }

  /** What the process printed so far (its log lines), stdout and stderr together. */
  logs(): string {
    return this.printed();
  }

  /** Whether the process ended without the test ending it (a crash). */
  get died(): boolean {
    return this.exited && !this.ended;
  }

  private ended = false;

  private get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Ends the process the hard way (a crash, a power cut): no shutdown hooks run. */
  async kill(): Promise<void> {
    this.ended = true;
    if (this.exited) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGKILL');
    await exited;
  }

  async close(): Promise<void> {
    this.ended = true;
    if (this.exited) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const res = await fetch(this.url + path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: Record<string, unknown>;
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      parsed = { text };
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  /** Signs in once (the demo officers' password unless given) and keeps the token for `as`. */
  async login(username: string, password = 'demo123'): Promise<string> {
    if (!this.tokens.has(username)) {
      const r = await this.request('POST', '/api/auth/login', { username, password });
      if (r.status !== 200) throw new Error(`login ${username}: ${r.status}`);
      this.tokens.set(username, r.body.accessToken as string);
    }
    return this.tokens.get(username)!;
  }

  /**
   * An account an administrator made: signs in with the password the administrator set, then chooses `chosen`
   * (what the console asks of them first); later calls as `username` use the new session.
   */
  async firstLogin(username: string, temporary: string, chosen = 'kata-sandi-pilihan-sendiri'): Promise<string> {
    const r = await this.request('POST', '/api/auth/login', { username, password: temporary });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status}`);
    if (!r.body.mustChangePassword) throw new Error(`login ${username}: no password change was asked for`);
    const changed = await this.request(
      'POST',
      '/api/me/password',
      { currentPassword: temporary, newPassword: chosen },
      { authorization: `Bearer ${r.body.accessToken as string}` },
    );
    if (changed.status !== 200) throw new Error(`password change ${username}: ${changed.status}`);
    this.tokens.set(username, changed.body.accessToken as string);
    return changed.body.accessToken as string;
  }

  /** An officer's request with their bearer token. */
  async as(username: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    return this.request(method, path, body, { authorization: `Bearer ${await this.login(username)}`, ...headers });
  }

  /** Claim then act, as an officer at a desk does. */
  async act(username: string, dossierId: string, action: string, body: unknown = {}): Promise<Reply> {
    const claim = await this.as(username, 'POST', `/api/dossiers/${dossierId}/claim`, {});
    if (claim.status !== 200) return claim;
    return this.as(username, 'POST', `/api/dossiers/${dossierId}/${action}`, body);
  }

  track(registrationNumber: string, pin: string): Promise<Reply> {
    return this.request('POST', '/api/public/tracking', { registrationNumber, pin });
  }

  /** Polls until the read side shows what we expect (projections are asynchronous). */
  eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 5000): Promise<T> {
    return eventually(fn, ok, timeoutMs, 25);
  }

  /** The public view once the projection has reached the expected status. */
  async publicStatus(reg: string, pin: string, expected: string): Promise<Reply> {
    return this.eventually(
      () => this.track(reg, pin),
      (r) => (r.body.status as { code?: string } | undefined)?.code === expected,
    );
  }

  /** The background jobs' leases this process reports on readiness: job -> 'leader' or 'standby'. */
  async leases(): Promise<Record<string, string>> {
    const body = (await (await fetch(`${this.opsUrl}/health/ready`)).json()) as { details?: { jobs?: Record<string, unknown> } };
    return Object.fromEntries(
      Object.entries(body.details?.jobs ?? {}).flatMap(([job, l]) =>
        typeof l === 'object' && l && 'role' in l ? [[job, String(l.role)]] : [],
      ),
    );
  }

  /** The newest position in the event log, from the health endpoint: unchanged means nothing was written. */
  async lastPosition(): Promise<string> {
    const body = (await (await fetch(`${this.opsUrl}/health/ready`)).json()) as { details: { database: { lastPosition: string } } };
    return body.details.database.lastPosition;
  }
}

export const PBG_REQUEST = {
  service: 'pbg',
  applicant: { name: 'Budi Santoso', nik: '3273011508800001', phone: '081234567890' },
  requirements: ['bukti-tanah', 'ktp', 'gambar-arsitektur', 'gambar-struktur', 'gambar-mep'],
  inputs: { 'luas-lantai': 120 },
  particulars: PBG_PARTICULARS,
};

/** A billboard company's request: 8 m2, one face, 12 months, on a class A road (a tax, SKPD, with the removal bond). */
export const REKLAME_REQUEST = {
  service: 'reklame',
  applicant: { ...PBG_REQUEST.applicant, name: 'PT Cahaya Iklan', nib: '9120001234567' },
  requirements: ['ktp', 'nib', 'desain-reklame', 'denah-lokasi'],
  inputs: { 'luas-reklame': 8, 'jumlah-muka': 1, durasi: 12 },
  particulars: REKLAME_PARTICULARS,
};

/** The first value `probe` gives that is not undefined, within `timeoutMs`; a timeout names what was awaited. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const v = await eventually(probe, (x) => x !== undefined, timeoutMs, 200);
  if (v === undefined) throw new Error(`timed out waiting for ${what}`);
  return v;
}

/**
 * One Berkas on the suite's engine for the whole describe block: started
 * before its tests, closed (and its database dropped) after them. `onStart`
 * receives the harness.
 */
export function harnessPerSuite(factory: EnvFactory, onStart: (h: Harness) => void): void {
  let h: Harness | undefined;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const db = await factory();
    drop = db.drop;
    h = await Harness.start(db.env);
    onStart(h);
  });
  afterAll(async () => {
    await h?.close();
    await drop?.();
  });
}

/** Registers a dossier at the front desk (PBG by default) and answers its id, registration number and PIN. */
export async function registerDossier(h: Harness, body: object = PBG_REQUEST, headers: Record<string, string> = {}) {
  const r = await h.as('loket', 'POST', '/api/dossiers', body, headers);
  expect(r.status).toBe(201);
  return { id: r.body.dossierId as string, reg: r.body.registrationNumber as string, pin: r.body.pin as string };
}
