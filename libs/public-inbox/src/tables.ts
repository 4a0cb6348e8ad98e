import type { ModuleTables } from '#berkas/sql';
import { COMPLAINT_INBOX_SCHEMA } from './complaints.js';
import { SKM_SCHEMA } from './skm.js';

/**
 * The public inbox: survey answers and complaints written by the public side,
 * read and taken in by the officers' side. Whichever process starts first
 * creates them.
 */
export const PUBLIC_INBOX_TABLES: ModuleTables = { owner: 'public inbox (surveys, complaints)', ddl: [SKM_SCHEMA, COMPLAINT_INBOX_SCHEMA] };
