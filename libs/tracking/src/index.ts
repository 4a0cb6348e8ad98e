export * from './tracking.module.js';
export * from './lookups.js';
