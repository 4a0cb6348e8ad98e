import type { Queryable } from '#berkas/sql';

export const ACCESS_LOG_SCHEMA = `
CREATE TABLE IF NOT EXISTS access_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  officer_id text NOT NULL,
  role text NOT NULL,
  dossier_id text NOT NULL,
  registration_number text NOT NULL,
  what text NOT NULL,
  allowed boolean NOT NULL
);
CREATE INDEX IF NOT EXISTS access_log_dossier ON access_log (dossier_id, at DESC);
CREATE INDEX IF NOT EXISTS access_log_officer ON access_log (officer_id, at DESC);`;

export interface AccessEntry {
  at: string;
  officerId: string;
  role: string;
  dossierId: string;
  registrationNumber: string;
  what: string;
  allowed: boolean;
}

interface Row {
  at: Date | string;
  officer_id: string;
  role: string;
  dossier_id: string;
  registration_number: string;
  what: string;
  allowed: boolean;
}

/**
 * Who read which dossier's personal data, and who was refused. Written
 * before the data leaves: a read that cannot be recorded is not served.
 */
export class AccessLog {
  constructor(private readonly db: Queryable) {}

  /** `tenant`: the MPP whose record it is (the officer's). */
  async record(e: Omit<AccessEntry, 'at'> & { tenant: string }): Promise<void> {
    await this.db.query(
      'INSERT INTO access_log (officer_id, role, dossier_id, registration_number, what, allowed, tenant_id) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [e.officerId, e.role, e.dossierId, e.registrationNumber, e.what, e.allowed, e.tenant],
    );
  }

  /** One MPP's record, newest first, by dossier or by officer. */
  async find(
    tenant: string,
    filter: { dossierId?: string; officerId?: string },
    limit: number,
    offset: number,
  ): Promise<{ total: number; items: AccessEntry[] }> {
    const where = 'WHERE tenant_id = $3 AND ($1::text IS NULL OR dossier_id = $1) AND ($2::text IS NULL OR officer_id = $2)';
    const params = [filter.dossierId ?? null, filter.officerId ?? null, tenant];
    const [{ rows: count }, { rows }] = await Promise.all([
      this.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM access_log ${where}`, params),
      this.db.query<Row>(`SELECT * FROM access_log ${where} ORDER BY at DESC, id DESC LIMIT $4 OFFSET $5`, [...params, limit, offset]),
    ]);
    return {
      total: Number(count[0].n),
      items: rows.map((r) => ({
        at: new Date(r.at).toISOString(),
        officerId: r.officer_id,
        role: r.role,
        dossierId: r.dossier_id,
        registrationNumber: r.registration_number,
        what: r.what,
        allowed: r.allowed,
      })),
    };
  }
}
