import type { ModuleTables } from '#berkas/sql';
import { COMPLAINT_INBOX_SCHEMA } from './queries/complaints.js';
import { SKM_SCHEMA } from './queries/skm.js';
import { QUARANTINE_SCHEMA } from './quarantine.js';

/**
 * The public inbox: survey answers and complaints written by the public side,
 * read and taken in by the officers' side. Whichever process starts first
 * creates them.
 */
export const PUBLIC_INBOX_TABLES: ModuleTables = { owner: 'public inbox (surveys, complaints)', ddl: [SKM_SCHEMA, COMPLAINT_INBOX_SCHEMA] };

/** Dossiers a projection set aside (D36): written by whichever process projects, listed and retried by the desk. */
export const QUARANTINE_TABLES: ModuleTables = { owner: 'projection quarantine', ddl: [QUARANTINE_SCHEMA] };
