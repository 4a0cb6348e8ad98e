export * from './dossier-scenario.js';
