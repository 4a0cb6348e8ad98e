export * from './dossier-scenario.js';
export * from './test-databases.js';
export * from './command-service.js';
