/** Injection tokens for the shared infrastructure. */
export const SQL_DATABASE = Symbol('SQL_DATABASE');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const CATALOGUE = Symbol('CATALOGUE');
export const CALENDAR = Symbol('CALENDAR');
export const PROJECTOR = Symbol('PROJECTOR');
export const BERKAS_CONFIG = Symbol('BERKAS_CONFIG');
