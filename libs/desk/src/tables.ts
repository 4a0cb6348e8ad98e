import type { ModuleTables } from '#berkas/sql';
import { ACCESS_LOG_SCHEMA } from './auth/access-log.js';
import { LOGIN_ATTEMPTS_SCHEMA } from './auth/login-attempts.js';
import { OFFICERS_SCHEMA } from './auth/officer.repository.js';
import { FILE_SWEEP_SCHEMA } from './application/file-sweep.js';
import { CATALOGUE_DRAFTS_SCHEMA, CATALOGUE_EVENTS_VIEW } from './application/catalogue-drafts.js';

/** The officers' side: accounts, the access log of personal data, sign-in attempts, the files events name (the sweep's). */
export const DESK_TABLES: ModuleTables = {
  owner: 'desk (officers, access log, sign-in attempts, named files, catalogue drafts)',
  ddl: [OFFICERS_SCHEMA, ACCESS_LOG_SCHEMA, LOGIN_ATTEMPTS_SCHEMA, FILE_SWEEP_SCHEMA, CATALOGUE_DRAFTS_SCHEMA, CATALOGUE_EVENTS_VIEW],
};
