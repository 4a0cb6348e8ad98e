export * from './tracking.module.js';
