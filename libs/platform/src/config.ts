import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { loadMppProfile, type MppProfile } from './mpp-profile.js';

/** The tenant a deployment without TENANTS_FILE or TENANT_CODE serves (issue 23): its oldest data is this one's. */
export const DEFAULT_TENANT_CODE = 'kota-contoh';

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);
/** An IP address, a CIDR subnet, or one of Express's named ranges. */
function isProxyAddress(p: string): boolean {
  if (NAMED_RANGES.has(p)) return true;
  const [ip, bits, ...rest] = p.split('/');
  if (rest.length || !isIP(ip)) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (isIP(ip) === 4 ? 32 : 128);
}

const MAX_PROXY_HOPS = 5;

/** A subnet so wide that any client could pose as a proxy (0.0.0.0/0, ::/0, ::ffff:0:0/96 and the like). */
function trustsEveryAddress(p: string): boolean {
  const [ip, bits] = p.split('/');
  if (bits === undefined || !isIP(ip)) return false;
  const n = Number(bits);
  if (isIP(ip) === 4) return n < 8;
  // IPv4-mapped space: /96 of ::ffff:0:0 is all of IPv4.
  if (/^::ffff:/i.test(ip)) return n < 104;
  return n < 16;
}

/** An empty variable counts as unset, as shells and compose files often leave them. */
const unsetIfEmpty = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema);

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Every setting, read once at boot. Each has an embedded default where one can serve. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** Health and metrics for operators, on their own port (0: any free port). Never on the public one. */
  OPS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  OPS_HOST: z.string().default('127.0.0.1'),
  /** Unset: embedded PGlite in BERKAS_DATA_DIR. */
  DATABASE_URL: unsetIfEmpty(z.string().url().optional()),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .default('public'),
  BERKAS_DATA_DIR: z.string().default('.berkas-data'),
  /**
   * The signing official's certificate and key (PKCS#12) for permits' PAdES
   * signatures. Unset: a demo CA and certificate made once in BERKAS_DATA_DIR,
   * and every permit says it is signed with a demo certificate.
   */
  SIGNING_P12: unsetIfEmpty(z.string().optional()),
  SIGNING_P12_PASSPHRASE: z.string().default(''),
  /**
   * A remote signing service in the manner of BSrE's e-sign API instead of a
   * local certificate: its address, this client's credentials, and the
   * official's NIK and passphrase there.
   */
  SIGNING_REMOTE_URL: unsetIfEmpty(z.string().url().optional()),
  SIGNING_REMOTE_CLIENT_ID: z.string().default(''),
  SIGNING_REMOTE_CLIENT_SECRET: z.string().default(''),
  SIGNING_REMOTE_NIK: z.string().default(''),
  SIGNING_REMOTE_PASSPHRASE: z.string().default(''),
  /**
   * The bank's payment notifications (Bank Indonesia's SNAP, virtual-account
   * payment flag): the client secret its signatures are made with and the
   * access token it presents. Unset: the endpoint answers 404.
   */
  SNAP_CLIENT_SECRET: unsetIfEmpty(z.string().min(16).optional()),
  SNAP_ACCESS_TOKEN: unsetIfEmpty(z.string().min(16).optional()),
  /** PostgreSQL: waiting for a connection, at most. */
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(2000),
  /** PostgreSQL: a statement running longer is cancelled by the server. */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(4000),
  /** PostgreSQL: a server that does not answer at all (frozen, partitioned) is given up on after this. */
  DB_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).default(4500),
  /** What a 503 tells clients to wait before retrying while the database is away. */
  /**
   * Whether this process creates and upgrades its tables at boot. `false` for a
   * process running under a role without the right to (docker/postgres/roles.sql):
   * the tables come from `npm run migrate`, run by the schema's owner.
   */
  DB_MIGRATE: bool.default(true),
  DB_RETRY_AFTER_SECONDS: z.coerce.number().int().min(1).default(5),
  CATALOGUE_DIR: z.string().default('data/catalogue'),
  /** How often each process looks for service versions MPPs published from the console (0: only at boot and on demand). */
  CATALOGUE_SYNC_MS: z.coerce.number().int().min(0).default(5000),
  CALENDAR_DIR: z.string().default('data/calendar'),
  /** The region's tariffs, one `<year>.json` each: PBG's SHST and locality index, tax rates and rental values (see data/tariffs). */
  TARIFF_DIR: z.string().default('data/tariffs'),
  /** Who this MPP is, for applicants: name, address, hours, contacts, payment channels (see data/mpp-profile.json). */
  MPP_PROFILE: z.string().default('data/mpp-profile.json'),
  /**
   * The MPPs this deployment serves (issue 23): a JSON list of tenants (code, number prefix, profile file, time zone,
   * Saturday opening, regional holidays). Unset: one MPP from the MPP_* settings, under TENANT_CODE.
   */
  TENANTS_FILE: unsetIfEmpty(z.string().optional()),
  /** The one MPP's code when TENANTS_FILE is unset (in its URLs and data). */
  TENANT_CODE: z
    .string()
    .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'kebab-case, such as kota-bandung')
    .max(40)
    .default(DEFAULT_TENANT_CODE),
  /** The tenant that owns data written before tenants existed (default: the first in TENANTS_FILE). */
  HOME_TENANT: unsetIfEmpty(z.string().optional()),
  /**
   * Host names that open one MPP's public pages at their root (issue 23): `mpp.denpasarkota.go.id=kota-denpasar,...`.
   * Without one, an MPP's pages live under its code on the public site (`/kota-denpasar/`), the home tenant's at `/`.
   */
  TENANT_HOSTS: z
    .string()
    .default('')
    .transform((v, ctx) => {
      const hosts = new Map<string, string>();
      for (const entry of v
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean)) {
        const m = /^([a-z0-9.-]+(?::\d+)?)=([a-z][a-z0-9-]*)$/i.exec(entry);
        if (!m) ctx.addIssue({ code: 'custom', message: `"${entry}" is not host=tenant-code` });
        else hosts.set(m[1].toLowerCase(), m[2]);
      }
      return hosts;
    }),
  /** Overrides the profile's name (one deployment file, several malls). */
  MPP_NAME: unsetIfEmpty(z.string().min(3).max(120).optional()),
  /** Where applicants track their dossier (the receipt's QR code points there); default: the officers' own origin. */
  PUBLIC_TRACKING_URL: z.string().url().optional(),
  MPP_TIME_ZONE: z.enum(['WIB', 'WITA', 'WIT']).default('WIB'),
  MPP_SATURDAY_OPEN: bool.default(false),
  /** Regional holidays, "2026-03-10:Galungan,2026-03-20:Kuningan". */
  MPP_REGIONAL_HOLIDAYS: z.string().default(''),
  JWT_SECRET: unsetIfEmpty(z.string().min(32).optional()),
  /** Lifetime of an officer's token (a vercel/ms duration such as 8h); desks and deactivation apply on the next request anyway. */
  JWT_TTL: z
    .string()
    .regex(/^\d+\s*(s|m|h|d)$/, 'a duration such as 30m, 8h or 1d')
    .default('8h'),
  /** Derives receipt PINs, so a retried registration can print the same PIN again. */
  PIN_SECRET: unsetIfEmpty(z.string().min(32).optional()),
  /** Where the dossiers' files live: `local` (under BERKAS_DATA_DIR/files, owner-only) or `s3` (an S3-compatible bucket). */
  FILE_STORE: z.enum(['local', 's3']).default('local'),
  /** The largest file one upload may be (bytes; default 20 MB). */
  FILE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024)
    .default(20 * 1024 * 1024),
  /** The most a dossier's current files may weigh together (bytes; default 200 MB): a replaced file no longer counts. */
  FILE_DOSSIER_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024 * 1024)
    .default(200 * 1024 * 1024),
  /**
   * How long one request may take to arrive whole (seconds): an upload from a slow phone line (a 20 MB scan at
   * 100 kbit/s takes about 28 minutes). Node's own default is 5 minutes.
   */
  UPLOAD_TIMEOUT_SECONDS: z.coerce.number().int().min(30).max(7200).default(1800),
  /** ClamAV's daemon every upload is scanned by (`tcp://host:3310` or a Unix socket's path); unset: no virus scan. */
  CLAMD_ADDRESS: unsetIfEmpty(
    z
      .string()
      .regex(/^(tcp:\/\/[^:/]+:\d+\/?|\/.+)$/, 'tcp://host:port or the path of a Unix socket')
      .optional(),
  ),
  /** The qpdf program every PDF is checked with (Debian's `qpdf`). */
  QPDF_PATH: z.string().min(1).default('qpdf'),
  S3_BUCKET: unsetIfEmpty(z.string().min(3).max(63).optional()),
  /** Keys start with it (`mpp-kota/`); empty: the bucket's root. */
  S3_PREFIX: z.string().max(200).default(''),
  /** An S3-compatible endpoint (MinIO, a provider's, S3Mock); unset: AWS itself. Credentials: the AWS SDK's usual chain. */
  S3_ENDPOINT: unsetIfEmpty(z.string().url().optional()),
  S3_REGION: z.string().default('ap-southeast-3'),
  /** Path-style addressing (bucket in the path), which most S3-compatible stores need. */
  S3_FORCE_PATH_STYLE: bool.default(false),
  /** Server-side encryption asked of the store for every file (`AES256`, `aws:kms`); empty: the bucket's default. */
  S3_SSE: z.enum(['', 'AES256', 'aws:kms']).default(''),
  DEMO_DATA: bool.default(false),
  /** With DEMO_DATA: also the demo dossiers (false: demo accounts only). */
  DEMO_DOSSIERS: bool.default(true),
  /** Public lookups per client address per window: generous, since a lobby's visitors share one address. */
  TRACKING_RATE_LIMIT: z.coerce.number().int().positive().default(120),
  TRACKING_RATE_WINDOW_SECONDS: z.coerce.number().int().positive().default(60),
  /** Wrong PINs for one registration number from one client (address, IPv6 /64) before that client is locked out of it (D39). */
  TRACKING_PIN_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  /** Wrong PINs for one number from all clients in a minute before it is refused to everyone for the rest of that minute. */
  TRACKING_PIN_NUMBER_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(2),
  /** A client's first lockout from a number (and the counting window); each further lockout doubles, up to a day. */
  TRACKING_LOCKOUT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  /**
   * How long a tracking process may answer a public lookup from memory. The
   * all-in-one also drops an entry the moment its dossier is projected; a
   * tracking process of its own sees a change at most this late. 0: no cache.
   */
  TRACKING_CACHE_SECONDS: z.coerce.number().min(0).max(60).default(2),
  /**
   * Serve the two public lookups (tracking, permit verification) by a lean
   * handler in front of Express, with the same validation, limits, headers and
   * errors (D23). false: through Express like every other route.
   */
  TRACKING_FAST_PATH: bool.default(true),
  /** Dossiers and permits a tracking process keeps in memory (most recently asked first). */
  TRACKING_CACHE_ENTRIES: z.coerce.number().int().min(1).default(20_000),
  /** Dossiers whose folded state the command path keeps between commands (0: read the stream every time). */
  COMMAND_STATE_CACHE_ENTRIES: z.coerce.number().int().min(0).default(10_000),
  /** Officer login attempts per client address per minute. */
  LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(20),
  /** Wrong passwords for one account from all clients per window before clients it has never logged in from are refused (D38). */
  LOGIN_ACCOUNT_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  LOGIN_ACCOUNT_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
  /** Wrong passwords from one client (address, IPv6 /64) for one account before that client is locked out of it for the window. */
  LOGIN_CLIENT_FAILURES: z.coerce.number().int().positive().default(10),
  /** How long a client an officer logged in from stays their own (exempt from the account-wide limit). */
  LOGIN_KNOWN_CLIENT_DAYS: z.coerce.number().int().positive().default(30),
  /** Default: 250 ms, or 5 s when the log is in embedded PGlite (see ProjectorModule). */
  PROJECTOR_POLL_MS: z.coerce.number().int().positive().optional(),
  /** The supervisors' dashboard flags an open dossier whose step has not moved for this many working days. */
  STUCK_AFTER_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(3),
  /** Unset: 5 ms on PostgreSQL, 15 ms on embedded PGlite (DEFAULT_LINGER_MS, EMBEDDED_LINGER_MS). */
  PROJECTOR_LINGER_MS: z.coerce.number().int().min(0).optional(),
  /** In-process projector (all-in-one); a separate `projector` process sets this false on the APIs. */
  RUN_PROJECTOR: bool.default(true),
  /**
   * The in-process projector on a worker thread of its own (issue 24), so folding and writing read models never holds
   * the thread that answers requests: on PostgreSQL with the PostgreSQL event store. Embedded PGlite runs its database
   * on the main thread, so its projector stays there.
   */
  PROJECTOR_THREAD: bool.default(true),
  /** One JSON object per line, a line per request with its correlation id (production); else short human lines. */
  LOG_JSON: bool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  /**
   * Behind a reverse proxy: which hops' X-Forwarded-For to believe, so rate limits apply per client.
   * A hop count ("1": the proxy in front of us) or the proxies' addresses and subnets
   * ("10.0.0.5,10.1.0.0/16", or "loopback"). Never "true": trusting every hop lets any
   * client choose its own address and escape every limit.
   */
  TRUST_PROXY: z
    .string()
    .default('')
    .transform((v, ctx): number | string[] | false => {
      const value = v.trim();
      if (value === '' || value === 'false' || value === '0') return false;
      if (/^\d{1,2}$/.test(value)) {
        // More hops than any real chain of proxies trusts whatever a client writes in X-Forwarded-For, as `true` would.
        if (Number(value) <= MAX_PROXY_HOPS) return Number(value);
        ctx.addIssue({
          code: 'custom',
          message: `at most ${MAX_PROXY_HOPS} proxy hops (a larger count trusts every address, as "true" would)`,
        });
        return z.NEVER;
      }
      const parts = value.split(',').map((p) => p.trim());
      const everything = parts.filter(trustsEveryAddress);
      if (everything.length) {
        ctx.addIssue({
          code: 'custom',
          message: `"${everything.join(', ')}" trusts every address, as "true" would: name the proxies' own addresses or subnets`,
        });
        return z.NEVER;
      }
      const bad = parts.filter((p) => !isProxyAddress(p));
      if (bad.length) {
        ctx.addIssue({
          code: 'custom',
          message: `"${bad.join(', ')}" is not a hop count or a proxy address/subnet (use e.g. 1, or 10.0.0.5,10.1.0.0/16; "true" is refused)`,
        });
        return z.NEVER;
      }
      return parts;
    }),
  /** Kafka bootstrap brokers, comma-separated host:port (the relay and a Kafka-fed projector need them). */
  KAFKA_BROKERS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean),
    )
    .refine((list) => list.every((b) => /^[\w.-]+:\d{1,5}$/.test(b)), 'each broker is host:port'),
  KAFKA_CLIENT_ID: z
    .string()
    .regex(/^[\w.-]{1,64}$/)
    .default('berkas'),
  /** Partitions and replicas of the two topics when the relay creates them (an operator's own topics are kept). */
  KAFKA_PARTITIONS: z.coerce.number().int().min(1).max(1000).default(12),
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(7).default(1),
  /** Where a separate projector reads events from: the event store (default) or Kafka as a consumer group. */
  PROJECTOR_SOURCE: z.enum(['store', 'kafka']).default('store'),
  KAFKA_GROUP_ID: z
    .string()
    .regex(/^[\w.-]{1,128}$/)
    .default('berkas-projector'),
  RELAY_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  /** How long the relay waits before looking at the log again once it has caught up (a cheap indexed read). */
  RELAY_POLL_MS: z.coerce.number().int().min(1).max(60_000).default(25),
  /** Where events are stored: PostgreSQL/PGlite (default, the `events` table) or EventStoreDB (read models stay in SQL). */
  EVENT_STORE: z.enum(['postgres', 'eventstoredb']).default('postgres'),
  /** EventStoreDB connection string, e.g. esdb://es1:2113,es2:2113?tls=true (needed with EVENT_STORE=eventstoredb). */
  EVENTSTORE_URL: unsetIfEmpty(
    z
      .string()
      .regex(/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover):\/\/\S+$/, 'an esdb:// connection string')
      .optional(),
  ),
  /** Prefix of this deployment's stream names on EventStoreDB (several deployments can share a server). */
  EVENTSTORE_NAMESPACE: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes')
    .default('berkas'),
  /** Notices to applicants (D33): sent from this process when true (the all-in-one, or one process of a deployment). */
  RUN_NOTIFIER: bool.default(true),
  NOTIFY_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  /** How often deadlines are looked at for the supervisors' notices (escalation); 0: never. */
  ESCALATION_SWEEP_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  /** The share of a step's time after which supervisors are told it is due soon (0.75: three quarters). */
  ESCALATION_SHARE: z.coerce.number().gt(0).max(1).default(0.75),
  /** Who gets the escalations by e-mail too (comma-separated addresses; through SMTP_URL), besides the console's notice centre. */
  ESCALATION_EMAILS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().email('ESCALATION_EMAILS must be e-mail addresses, comma-separated')).max(50)),
  /** How often holders of permits about to lapse are looked for and reminded (the service's expiryReminders windows); 0: never. */
  EXPIRY_REMINDER_SECONDS: z.coerce.number().int().min(0).max(86_400).default(3_600),
  /** A waiting notice older than this, when a newer one for the same address exists, is superseded by it (D33). */
  NOTIFY_COLLAPSE_AFTER_SECONDS: z.coerce.number().int().min(0).max(604_800).default(3_600),
  /** Attempts per message before it is marked failed (retries back off: 30 s, 1 min, 2 min, … up to an hour). */
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** Events older than this when the outbox first sees them are not told (a new deployment over an old log). */
  NOTIFY_MAX_AGE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(48),
  /** E-mail over SMTP, e.g. smtp://user:pass@mail.example.go.id:587 (smtps:// for TLS from the start); unset: e-mails are logged. */
  SMTP_URL: unsetIfEmpty(
    z
      .string()
      .regex(/^smtps?:\/\/\S+$/, 'smtp://host:port or smtps://…')
      .optional(),
  ),
  SMTP_FROM: z.string().default('MPP <noreply@localhost>'),
  /** WhatsApp Business Cloud API: the phone number id and a token; unset: messages to phones go by SMS, or are logged. */
  WHATSAPP_API_URL: z.string().url().default('https://graph.facebook.com/v21.0'),
  WHATSAPP_PHONE_NUMBER_ID: unsetIfEmpty(
    z
      .string()
      .regex(/^\d{5,20}$/)
      .optional(),
  ),
  WHATSAPP_TOKEN: unsetIfEmpty(z.string().min(10).optional()),
  /**
   * The approved templates notices go as (JSON): per notice kind, or `default`,
   * `{"name": "...", "language": {"id": "id", "en": "en"}}`, each with three body
   * parameters: registration number, what happened, tracking link.
   */
  WHATSAPP_TEMPLATES: unsetIfEmpty(
    z
      .string()
      .transform((v, ctx) => {
        try {
          return JSON.parse(v) as Record<string, { name: string; language: { id: string; en: string } }>;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'is not JSON' });
          return z.NEVER;
        }
      })
      .pipe(
        z
          .record(
            z.string(),
            z.object({ name: z.string().regex(/^[a-z0-9_]{1,512}$/), language: z.object({ id: z.string(), en: z.string() }) }),
          )
          .refine((t) => 'default' in t, 'needs a "default" template'),
      )
      .optional(),
  ),
  /** A generic HTTP SMS gateway: POSTed SMS_BODY (JSON with {to}, {text}, {reference}) with the bearer SMS_TOKEN. */
  SMS_URL: unsetIfEmpty(z.string().url().optional()),
  SMS_TOKEN: unsetIfEmpty(z.string().optional()),
  SMS_BODY: z.string().default('{"to":"{to}","text":"{text}","reference":"{reference}"}'),
  /** Complaints (pengaduan): working days the MPP has to answer one, and how often the public inbox (complaints, online corrections) is taken in. */
  COMPLAINT_RESPONSE_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(5),
  COMPLAINT_INTAKE_MS: z.coerce.number().int().min(50).max(60_000).default(2_000),
  /** How often to look for lapsed fiktif positif deadlines (0: never; supervisors can still run it). */
  SLA_SWEEP_SECONDS: z.coerce.number().int().min(0).default(300),
  /** How often dossiers whose files' retention has run out are looked for (hours; 0: never). */
  RETENTION_SWEEP_HOURS: z.coerce.number().min(0).default(24),
  /** How often the files no event names are looked for (seconds; 0: never). */
  FILE_SWEEP_SECONDS: z.coerce.number().int().min(0).default(3600),
  /** How long a file no event names is kept before the sweep deletes it (hours): far longer than any upload takes. */
  FILE_SWEEP_GRACE_HOURS: z.coerce.number().positive().default(24),
  /** Applications handed in online (issue 22): days a draft waits for a desk before it expires, and how often expired ones are closed (seconds; 0: never). */
  DRAFT_EXPIRY_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  DRAFT_EXPIRY_SWEEP_SECONDS: z.coerce.number().int().min(0).default(600),
  /** How often a standby asks for a background job's lease, and a leader checks its connection (D37). */
  LEADER_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(2_000),
  /** A projector none of whose rounds succeeded for this long says it is not ready (its backlog does not shrink). */
  PROJECTION_STALL_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** A relay batch waiting this long for the broker makes the relay not ready (it must say so within 5 s). */
  RELAY_STALL_MS: z.coerce.number().int().min(100).max(60_000).default(3_000),
});

export type BerkasConfig = Omit<z.infer<typeof EnvSchema>, 'JWT_SECRET' | 'PIN_SECRET' | 'MPP_REGIONAL_HOLIDAYS' | 'MPP_NAME'> & {
  MPP_NAME: string;
  MPP: MppProfile;
  JWT_SECRET: string;
  PIN_SECRET: string;
  MPP_REGIONAL_HOLIDAYS: { date: string; name: string }[];
};

/** A secret kept in the data directory, made on first boot, for the zero-setup default only. */
function localSecret(dataDir: string, name: string): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, `${name}.secret`);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** Parses the environment; a bad value stops the boot with the variable and the reason. */
export function parseConfig(env: Record<string, unknown>): BerkasConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const c = parsed.data;
  const holidays = c.MPP_REGIONAL_HOLIDAYS.split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const m = /^(\d{4}-\d{2}-\d{2}):(.+)$/.exec(entry);
      if (!m) throw new Error(`Invalid configuration: MPP_REGIONAL_HOLIDAYS: "${entry}" is not yyyy-mm-dd:Name`);
      return { date: m[1], name: m[2] };
    });
  if (c.PROJECTOR_SOURCE === 'kafka' && !c.KAFKA_BROKERS.length)
    throw new Error('Invalid configuration: PROJECTOR_SOURCE=kafka needs KAFKA_BROKERS (host:port,...)');
  if (c.EVENT_STORE === 'eventstoredb' && !c.EVENTSTORE_URL)
    throw new Error('Invalid configuration: EVENT_STORE=eventstoredb needs EVENTSTORE_URL (esdb://host:2113?tls=...)');
  if (c.FILE_STORE === 's3' && !c.S3_BUCKET)
    throw new Error('Invalid configuration: FILE_STORE=s3 needs S3_BUCKET (and S3_ENDPOINT for a store other than AWS)');
  if (c.DATABASE_URL && (!c.JWT_SECRET || !c.PIN_SECRET))
    throw new Error('Invalid configuration: JWT_SECRET and PIN_SECRET (32+ characters) are required with DATABASE_URL');
  // Permits print and encode in their QR code the public address; without it a server could only fall back to its own.
  if (env.NODE_ENV === 'production' && !c.PUBLIC_TRACKING_URL)
    throw new Error(
      'Invalid configuration: PUBLIC_TRACKING_URL (the public tracking site, e.g. https://mpp.example.go.id/) is required in production: ' +
        "permits and their QR codes carry it, never a request's Host header",
    );
  const dataDir = resolve(c.BERKAS_DATA_DIR);
  const profile = loadMppProfile(resolve(c.MPP_PROFILE));
  const mpp = c.MPP_NAME ? { ...profile, name: c.MPP_NAME } : profile;
  return {
    ...c,
    MPP: mpp,
    MPP_NAME: mpp.name,
    BERKAS_DATA_DIR: dataDir,
    MPP_REGIONAL_HOLIDAYS: holidays,
    JWT_SECRET: c.JWT_SECRET ?? localSecret(dataDir, 'jwt'),
    PIN_SECRET: c.PIN_SECRET ?? localSecret(dataDir, 'pin'),
  };
}
