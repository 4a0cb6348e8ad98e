import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertTenantScoped, TENANT_TABLES, TenantScopeError } from './tenant-guard.js';

describe('the tenant guard (issue 23): a statement on a tenant table names the tenant or says why it needs not', () => {
  it('refuses a read, a change or an insert that forgets the tenant, naming the table', () => {
    const refused = (sql: string) => {
      try {
        assertTenantScoped(sql);
        return undefined;
      } catch (e) {
        return e instanceof TenantScopeError ? e.table : 'other';
      }
    };
    expect(refused('SELECT summary FROM rm_dossiers WHERE registration_number = $1')).toBe('rm_dossiers');
    expect(refused('UPDATE sv_escalations SET read_at = $2 WHERE id = $1')).toBe('sv_escalations');
    expect(refused('INSERT INTO access_log (officer_id, what) VALUES ($1, $2)')).toBe('access_log');
    // Naming the column is not filtering on it.
    expect(refused('SELECT tenant_id, summary FROM rm_dossiers')).toBe('rm_dossiers');
    expect(refused('SELECT 1 FROM pub_tracking WHERE registration_number = $1 -- tenant:')).toBe('pub_tracking');
  });

  it('lets through a filter on the tenant, an insert that names it, a reason given, and any other table', () => {
    expect(() => assertTenantScoped('SELECT summary FROM rm_dossiers WHERE tenant_id = $2 AND registration_number = $1')).not.toThrow();
    expect(() => assertTenantScoped('SELECT 1 FROM rm_desk_visits WHERE tenant_id=$1')).not.toThrow();
    expect(() => assertTenantScoped('INSERT INTO access_log (officer_id, tenant_id) VALUES ($1, $2)')).not.toThrow();
    expect(() => assertTenantScoped('DELETE FROM rm_desk_queue WHERE dossier_id = ANY($1) -- tenant: the dossiers applied')).not.toThrow();
    expect(() => assertTenantScoped('SELECT * FROM events WHERE global_position > $1')).not.toThrow();
    // A table whose name merely starts like one of them is another table.
    expect(() => assertTenantScoped('SELECT * FROM rm_dossiers_shadow_note')).not.toThrow();
  });

  it('finds no statement in the source that reads a tenant table with neither the tenant nor a reason', () => {
    // The guard runs on every statement at run time; this reads the statements no test may reach. A statement built
    // from pieces (`${where}`) is checked when it runs, by every test that runs it.
    const root = process.cwd();
    const sources = ['libs', 'apps'].flatMap((top) => walk(join(root, top)));
    expect(sources.length).toBeGreaterThan(100);
    const table = new RegExp(`\\b(${TENANT_TABLES.join('|')})\\b`);
    const offenders: string[] = [];
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/`(?:[^`\\]|\\.)*`|'(?:[^'\\\n]|\\.)*'/g)) {
        const sql = m[0].slice(1, -1);
        if (!table.test(sql) || !/\b(SELECT|UPDATE|DELETE|INSERT)\b/.test(sql) || sql.includes('${')) continue;
        if (/CREATE TABLE|ALTER TABLE|CREATE INDEX/.test(sql)) continue;
        try {
          assertTenantScoped(sql);
        } catch {
          offenders.push(`${file.slice(root.length + 1)}: ${sql.replace(/\s+/g, ' ').slice(0, 100)}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'testing' ? [] : walk(path);
    return /\.tsx?$/.test(e.name) && !/spec\.ts$/.test(e.name) ? [path] : [];
  });
}
