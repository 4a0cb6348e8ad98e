import type { ModuleTables } from '#berkas/sql';
import { ACCESS_LOG_SCHEMA } from './auth/access-log.js';
import { LOGIN_ATTEMPTS_SCHEMA } from './auth/login-attempts.js';
import { OFFICERS_SCHEMA } from './auth/officer.repository.js';

/** The officers' side: accounts, the access log of personal data, sign-in attempts. */
export const DESK_TABLES: ModuleTables = {
  owner: 'desk (officers, access log, sign-in attempts)',
  ddl: [OFFICERS_SCHEMA, ACCESS_LOG_SCHEMA, LOGIN_ATTEMPTS_SCHEMA],
};
