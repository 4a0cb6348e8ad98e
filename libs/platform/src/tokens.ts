/** Injection tokens for the shared infrastructure. */
export const SQL_DATABASE = Symbol('SQL_DATABASE');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const CATALOGUE = Symbol('CATALOGUE');
export const CALENDAR = Symbol('CALENDAR');
/** The MPPs the deployment serves (Tenants). */
export const TENANTS = Symbol('TENANTS');
/** The region's tariffs by year (Tariffs). */
export const TARIFFS = Symbol('TARIFFS');
export const PROJECTOR = Symbol('PROJECTOR');
export const BERKAS_CONFIG = Symbol('BERKAS_CONFIG');
/** The time of day as the processes read it (a Clock): one place to read it, one to set it in a test. */
export const CLOCK = Symbol('CLOCK');

export interface Clock {
  /** Now, as an ISO 8601 instant. */
  now(): string;
}

export const SYSTEM_CLOCK: Clock = { now: () => new Date().toISOString() };
