import type { ModuleTables } from '#berkas/sql';
import { TRACKING_PIN_SCHEMA } from './pin-attempts.js';

/** The public side: failed receipt-PIN attempts per number and client. */
export const TRACKING_TABLES: ModuleTables = { owner: 'tracking (PIN attempts)', ddl: [TRACKING_PIN_SCHEMA] };
