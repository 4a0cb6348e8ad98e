import { describeEngines, sqlEngines } from '#berkas/sql/testing';
import { createTables } from '#berkas/sql';
import { DESK_TABLES } from '../tables.js';
import { officersOfHomeTenant, OfficerRepository } from './officer.repository.js';

const engines = await sqlEngines();

describeEngines(engines)('accounts made before tenants existed, on %s', (_engine, factory) => {
  it("become the home tenant's, and a username is then unique within each tenant only", async () => {
    const { db, drop } = await factory();
    try {
      // The officers table as the previous version made it: no tenant, usernames unique across the table.
      await db.query(`CREATE TABLE officers (
        officer_id text PRIMARY KEY, username text NOT NULL UNIQUE, name text NOT NULL, role text NOT NULL,
        desks text[] NOT NULL DEFAULT '{}', password_hash text NOT NULL, active boolean NOT NULL DEFAULT true)`);
      await db.query(
        "INSERT INTO officers (officer_id, username, name, role, desks, password_hash) VALUES ('officer-loket', 'loket', 'Rina', 'front-desk', '{front-office}', 'h')",
      );
      await createTables(db, [DESK_TABLES, officersOfHomeTenant('kota-bandung')]);
      await createTables(db, [DESK_TABLES, officersOfHomeTenant('kota-bandung')]);
      const officers = new OfficerRepository(db);
      expect(await officers.findByUsername('kota-bandung', 'loket')).toMatchObject({ officerId: 'officer-loket', tenant: 'kota-bandung' });
      expect(await officers.findByUsername('kota-denpasar', 'loket')).toBeUndefined();
      const base = { username: 'loket', name: 'Made', role: 'front-desk' as const, desks: ['front-office'], passwordHash: 'h' };
      const rest = { active: true, tokenVersion: 1, mustChangePassword: false };
      await officers.save({ officerId: 'officer-dps-loket', tenant: 'kota-denpasar', ...base, ...rest });
      expect((await officers.all('kota-denpasar')).map((o) => o.officerId)).toEqual(['officer-dps-loket']);
      await expect(officers.save({ officerId: 'officer-dps-loket-2', tenant: 'kota-denpasar', ...base, ...rest })).rejects.toThrow();
      expect(await officers.findInTenant('kota-denpasar', 'officer-loket')).toBeUndefined();
    } finally {
      await drop();
    }
  });
});
