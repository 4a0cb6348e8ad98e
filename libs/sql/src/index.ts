// The database seam every lib stands on (D41): one connection interface over
// PostgreSQL and embedded PGlite, and the one way module tables are created.
export * from './sql-database.js';
export * from './tables.js';
export * from './tenant-guard.js';
