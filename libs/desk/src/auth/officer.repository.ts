import type { Role } from '#berkas/domain';
import { tenantColumn, type ModuleTables, type Queryable, type SqlDatabase } from '#berkas/sql';

export interface Officer {
  officerId: string;
  /** The MPP the officer works for (issue 23): they sign in to it and see nothing of another. */
  tenant: string;
  username: string;
  name: string;
  role: Role;
  desks: string[];
  passwordHash: string;
  active: boolean;
  /** Raised on deactivation and password change: tokens carrying an older version stop working. */
  tokenVersion: number;
  /** Set by an administrator's password (a new account, a reset): the officer must choose their own before anything else. */
  mustChangePassword: boolean;
  /** An overseer's reach: the MPPs of one province (its name, as the tenants file gives it); absent: every MPP. */
  oversees?: string;
}

export const OFFICERS_SCHEMA = `
CREATE TABLE IF NOT EXISTS officers (
  officer_id text PRIMARY KEY,
  username text NOT NULL UNIQUE,
  name text NOT NULL,
  role text NOT NULL,
  desks text[] NOT NULL DEFAULT '{}',
  password_hash text NOT NULL,
  active boolean NOT NULL DEFAULT true
);
ALTER TABLE officers ADD COLUMN IF NOT EXISTS token_version integer NOT NULL DEFAULT 1;
ALTER TABLE officers ADD COLUMN IF NOT EXISTS must_change_password boolean NOT NULL DEFAULT false;
ALTER TABLE officers ADD COLUMN IF NOT EXISTS tenant text;
ALTER TABLE officers DROP CONSTRAINT IF EXISTS officers_username_key;
CREATE UNIQUE INDEX IF NOT EXISTS officers_tenant_username ON officers (tenant, username);
ALTER TABLE officers ADD COLUMN IF NOT EXISTS oversees text;`;

/**
 * Accounts made before tenants existed belong to the home tenant (issue 23): given it by whoever changes the schema
 * (the boot, or `npm run migrate` where processes may not), after which every account names its tenant.
 */
export function officersOfHomeTenant(home: string): ModuleTables {
  // A tenant code is kebab-case (checked where it is configured); checked again, as it is written into the statement.
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(home)) throw new Error(`not a tenant code: ${home}`);
  return {
    owner: 'officer accounts and the access log (the home tenant)',
    ddl: [
      `UPDATE officers SET tenant = '${home}' WHERE tenant IS NULL;\nALTER TABLE officers ALTER COLUMN tenant SET NOT NULL;`,
      // Who read which dossier is one MPP's record: its administrators read their own.
      `${tenantColumn('access_log', home)}\nCREATE INDEX IF NOT EXISTS access_log_tenant ON access_log (tenant_id, at DESC);`,
    ],
  };
}

interface Row {
  officer_id: string;
  tenant: string;
  username: string;
  name: string;
  role: Role;
  desks: string[];
  password_hash: string;
  active: boolean;
  token_version: number;
  must_change_password: boolean;
  oversees: string | null;
}

const toOfficer = (r: Row): Officer => ({
  officerId: r.officer_id,
  tenant: r.tenant,
  username: r.username,
  name: r.name,
  role: r.role,
  desks: r.desks,
  passwordHash: r.password_hash,
  active: r.active,
  tokenVersion: r.token_version,
  mustChangePassword: r.must_change_password,
  ...(r.oversees ? { oversees: r.oversees } : {}),
});

/** The change would leave no active administrator: nobody could manage accounts without editing the database. */
export class LastAdministratorError extends Error {
  constructor() {
    super('the last active administrator cannot be demoted or deactivated: make another officer an administrator first');
    this.name = 'LastAdministratorError';
  }
}

export class OfficerRepository {
  constructor(private readonly db: Queryable & Partial<Pick<SqlDatabase, 'transaction'>>) {}

  /**
   * Saves a change to an account unless it would leave no active
   * administrator. The active administrators are locked while the change is
   * decided, so two administrators demoting each other at once cannot both succeed.
   */
  async saveKeepingAnAdministrator(next: Officer): Promise<void> {
    const run = async (tx: Queryable) => {
      const { rows } = await tx.query<{ officer_id: string }>(
        "SELECT officer_id FROM officers WHERE tenant = $1 AND role = 'admin' AND active ORDER BY officer_id FOR UPDATE",
        [next.tenant],
      );
      const stillAdmin = next.role === 'admin' && next.active;
      const others = rows.filter((r) => r.officer_id !== next.officerId).length;
      if (!stillAdmin && others === 0 && rows.some((r) => r.officer_id === next.officerId)) throw new LastAdministratorError();
      await new OfficerRepository(tx).save(next);
    };
    if (this.db.transaction) await this.db.transaction(run);
    else await run(this.db);
  }

  /** A tenant's active administrators (none on a new database: `npm run create-admin` makes the first). */
  async activeAdministrators(tenant: string): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM officers WHERE tenant = $1 AND role = 'admin' AND active",
      [tenant],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Active or not: signing in tells a deactivated officer so, once their password proved who they are. */
  async findByUsername(tenant: string, username: string): Promise<Officer | undefined> {
    const { rows } = await this.db.query<Row>('SELECT * FROM officers WHERE tenant = $1 AND username = $2', [tenant, username]);
    return rows[0] && toOfficer(rows[0]);
  }

  /** Active or not: the guard checks `active` and the token version on every request (ids are unique across tenants). */
  async findById(officerId: string): Promise<Officer | undefined> {
    const { rows } = await this.db.query<Row>('SELECT * FROM officers WHERE officer_id = $1', [officerId]);
    return rows[0] && toOfficer(rows[0]);
  }

  /** A tenant's own account of a colleague, active or not; undefined for another tenant's. */
  async findInTenant(tenant: string, officerId: string): Promise<Officer | undefined> {
    const o = await this.findById(officerId);
    return o?.tenant === tenant ? o : undefined;
  }

  /** Taken by any of the tenant's accounts, active or not (usernames are unique within a tenant). */
  async usernameTaken(tenant: string, username: string): Promise<boolean> {
    const { rows } = await this.db.query('SELECT 1 FROM officers WHERE tenant = $1 AND username = $2', [tenant, username]);
    return rows.length > 0;
  }

  /** A tenant's accounts. */
  async all(tenant: string): Promise<Officer[]> {
    const { rows } = await this.db.query<Row>('SELECT * FROM officers WHERE tenant = $1 ORDER BY active DESC, username', [tenant]);
    return rows.map(toOfficer);
  }

  async save(o: Officer): Promise<void> {
    await this.db.query(
      `INSERT INTO officers (officer_id, username, name, role, desks, password_hash, active, token_version, must_change_password, tenant, oversees)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (officer_id) DO UPDATE SET username = $2, name = $3, role = $4, desks = $5, password_hash = $6, active = $7,
         token_version = $8, must_change_password = $9, oversees = $11`,
      [
        o.officerId,
        o.username,
        o.name,
        o.role,
        o.desks,
        o.passwordHash,
        o.active,
        o.tokenVersion,
        o.mustChangePassword,
        o.tenant,
        o.oversees ?? null,
      ],
    );
  }
}
