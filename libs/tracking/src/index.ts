export * from './tracking.module.js';
export * from './pin-attempts.js';
export * from './public-reads.js';
