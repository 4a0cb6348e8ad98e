// Test fixtures of the domain (the 2026 calendar, the demo catalogue, one officer per desk, given-when-then),
// reached as `#berkas/domain/testing`; they depend on the domain alone.
export * from './dossier-scenario.js';
export * from './decide-helpers.js';
