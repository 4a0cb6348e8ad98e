export * from './tracking.module.js';
export * from './lookups.js';
export * from './tables.js';
