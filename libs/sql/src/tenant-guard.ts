// The query-level guard of tenancy (issue 23, D54): a row of these tables belongs to one MPP, so a statement that
// reads or changes them either names the tenant or says why it needs none. Row-level security alone would be no guard
// on embedded PGlite, whose one connection is a superuser; this check runs on both engines, in every process, on
// every statement but schema scripts (`exec`). A forgotten filter fails loudly, in the tests first, never leaks.

/** Tables whose rows belong to one tenant. */
export const TENANT_TABLES = [
  'rm_dossiers',
  'rm_desk_queue',
  'rm_desk_visits',
  'pub_tracking',
  'pub_timeline',
  'pub_permits',
  'nt_contacts',
  'nt_outbox',
  'sv_escalations',
  'skm_responses',
  'application_drafts',
  'complaint_inbox',
  'correction_inbox',
  'access_log',
  'catalogue_drafts',
] as const;

const MENTIONS = new RegExp(`\\b(${TENANT_TABLES.join('|')})\\b`);
/** A filter on the tenant (`tenant_id = $1`, `tenant_id = ANY(...)`, `tenant_id IN (...)`). */
const FILTERS = /\btenant_id\s*(=|IN\b)/i;
/** What reads or writes rows (a schema change, such as a rebuild's swap of tables, reads none). */
const ROWS = /\b(SELECT|INSERT|UPDATE|DELETE|TRUNCATE|COPY)\b/i;
/** An insert names the tenant among its columns. */
const INSERT = /^\s*(WITH\b[\s\S]*?\)\s*)?INSERT\b/i;
/** Why a statement needs no tenant filter, in its own words: `-- tenant: keyed by the dossier of the event applied`. */
const EXEMPT = /--\s*tenant:\s*\S/;

/** A statement on a tenant's table that neither names the tenant nor says why it needs not. */
export class TenantScopeError extends Error {
  constructor(
    readonly table: string,
    readonly sql: string,
  ) {
    super(
      `A statement on ${table} neither filters on tenant_id nor says why it needs no filter (-- tenant: why): ` +
        sql.replace(/\s+/g, ' ').trim().slice(0, 240),
    );
    this.name = 'TenantScopeError';
  }
}

/** Throws TenantScopeError for a statement on a tenant's table without the tenant; does nothing for any other. */
export function assertTenantScoped(sql: string): void {
  const table = MENTIONS.exec(sql)?.[1];
  if (!table || !ROWS.test(sql) || EXEMPT.test(sql)) return;
  if (INSERT.test(sql) ? /\btenant_id\b/.test(sql) : FILTERS.test(sql)) return;
  throw new TenantScopeError(table, sql);
}

const CODE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * The tenant column of a table, for its schema script. Rows written before tenants existed are the home tenant's:
 * the column's default fills them as it is added (no rewrite on PostgreSQL 11 and later). Writers always name the
 * tenant.
 */
export function tenantColumn(table: string, home: string): string {
  if (!CODE.test(home)) throw new Error(`home tenant code ${JSON.stringify(home)} is not kebab-case`);
  return `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS tenant_id text NOT NULL DEFAULT '${home}';`;
}
