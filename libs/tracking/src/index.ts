export * from './tracking.module.js';
export * from './lookups.js';
export { TRACKING_PIN_SCHEMA } from './pin-attempts.js';
