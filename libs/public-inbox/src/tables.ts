import { tenantColumn, type ModuleTables } from '#berkas/sql';
import { COMPLAINT_INBOX_SCHEMA } from './complaints.js';
import { CORRECTION_INBOX_SCHEMA } from './corrections.js';
import { APPLICATION_DRAFTS_SCHEMA } from './drafts.js';
import { SKM_SCHEMA } from './skm.js';

/**
 * The public inbox: survey answers, complaints, online corrections and online applications written by the public side,
 * read and taken in by the officers' side. Whichever process starts first
 * creates them.
 */
export function publicInboxTables(home: string): ModuleTables {
  return {
    owner: 'public inbox (surveys, complaints, online corrections, online applications)',
    ddl: [
      SKM_SCHEMA,
      COMPLAINT_INBOX_SCHEMA,
      CORRECTION_INBOX_SCHEMA,
      APPLICATION_DRAFTS_SCHEMA,
      // Each MPP's (issue 23): what was written before tenants is the home tenant's (`home`).
      ['skm_responses', 'complaint_inbox', 'correction_inbox', 'application_drafts'].map((t) => tenantColumn(t, home)).join('\n'),
    ],
  };
}
