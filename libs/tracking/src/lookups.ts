// The public lookups without the Nest module (which loads @nestjs/throttler, CommonJS): for tests and tools.
export * from './pin-attempts.js';
export * from './public-reads.js';
