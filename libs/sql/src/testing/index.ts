// Test support of the database seam (test databases on PostgreSQL and PGlite),
// reached as `#berkas/sql/testing`.
export * from './test-databases.js';
