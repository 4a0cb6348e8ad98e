import type { Role } from '../../../domain/src/index.js';
import type { Queryable } from '../../../event-store/src/index.js';

export interface Officer {
  officerId: string;
  username: string;
  name: string;
  role: Role;
  desks: string[];
  passwordHash: string;
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
);`;

interface Row {
  officer_id: string;
  username: string;
  name: string;
  role: Role;
  desks: string[];
  password_hash: string;
}

const toOfficer = (r: Row): Officer => ({
  officerId: r.officer_id,
  username: r.username,
  name: r.name,
  role: r.role,
  desks: r.desks,
  passwordHash: r.password_hash,
});

export class OfficerRepository {
  constructor(private readonly db: Queryable) {}

  async findByUsername(username: string): Promise<Officer | undefined> {
    const { rows } = await this.db.query<Row>('SELECT * FROM officers WHERE username = $1 AND active', [username]);
    return rows[0] && toOfficer(rows[0]);
  }

  async findById(officerId: string): Promise<Officer | undefined> {
    const { rows } = await this.db.query<Row>('SELECT * FROM officers WHERE officer_id = $1 AND active', [officerId]);
    return rows[0] && toOfficer(rows[0]);
  }

  async all(): Promise<Officer[]> {
    const { rows } = await this.db.query<Row>('SELECT * FROM officers WHERE active ORDER BY username');
    return rows.map(toOfficer);
  }

  async save(o: Officer): Promise<void> {
    await this.db.query(
      `INSERT INTO officers (officer_id, username, name, role, desks, password_hash) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (officer_id) DO UPDATE SET username = $2, name = $3, role = $4, desks = $5, password_hash = $6`,
      [o.officerId, o.username, o.name, o.role, o.desks, o.passwordHash],
    );
  }
}
