import { randomUUID } from 'node:crypto';
import { createTables, type SqlDatabase } from '#berkas/sql';
import { hashSecret } from '#berkas/platform';
import { officersOfHomeTenant, OfficerRepository } from './officer.repository.js';
import { DESK_TABLES } from '../tables.js';

/** What an officer's username and password must be, here and in the console's account form (OfficerCreateDto). */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,39}$/;
export const PASSWORD_LENGTH = { min: 10, max: 200 } as const;

/** Why a first administrator cannot be made as asked (the command prints it and exits 1). */
export class FirstAdministratorRefused extends Error {}

/**
 * Creates the first administrator of a tenant (an MPP of the deployment):
 * only while it has no active administrator (afterwards accounts are made in
 * the console), with a password the operator typed (10 to 200 characters;
 * there is no default). `home`: the tenant that owns accounts made before
 * tenants existed.
 */
export async function createFirstAdministrator(
  db: SqlDatabase,
  input: { tenant: string; home: string; username: string; name: string; password: string },
): Promise<{ officerId: string; username: string }> {
  if (!USERNAME_PATTERN.test(input.username))
    throw new FirstAdministratorRefused('username: 3-40 lowercase letters, digits, . _ - (starting with a letter or digit)');
  if (input.name.trim().length < 2) throw new FirstAdministratorRefused('name: at least 2 characters');
  if (input.password.length < PASSWORD_LENGTH.min || input.password.length > PASSWORD_LENGTH.max)
    throw new FirstAdministratorRefused(`password: ${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max} characters`);
  await createTables(db, [DESK_TABLES, officersOfHomeTenant(input.home)]);
  const passwordHash = await hashSecret(input.password);
  return db.transaction(async (tx) => {
    // One at a time: two operators running the command at once make one administrator, not two.
    await tx.query("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':berkas-first-admin:' || $1))", [input.tenant]);
    const officers = new OfficerRepository(tx);
    if (await officers.activeAdministrators(input.tenant))
      throw new FirstAdministratorRefused(
        'an active administrator exists already: create further accounts in the console (Petugas) or with POST /api/officers',
      );
    if (await officers.usernameTaken(input.tenant, input.username))
      throw new FirstAdministratorRefused(`username ${input.username} is taken`);
    const officerId = `officer-${randomUUID()}`;
    await officers.save({
      officerId,
      tenant: input.tenant,
      username: input.username,
      name: input.name.trim(),
      role: 'admin',
      desks: [],
      passwordHash,
      active: true,
      tokenVersion: 1,
      mustChangePassword: false,
    });
    return { officerId, username: input.username };
  });
}
