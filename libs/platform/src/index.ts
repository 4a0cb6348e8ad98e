export * from './bootstrap.js';
export * from './config.js';
export * from './health.module.js';
export * from './platform.module.js';
export * from './problem-details.filter.js';
export * from './secrets.js';
export * from './tokens.js';
export * from './validation.js';
