export * from './application/document-numbers.js';
export * from './application/dossier-command.service.js';
export * from './application/dossier.commands.js';
export * from './auth/officer.repository.js';
export * from './demo/demo-seed.js';
export * from './desk.module.js';
export * from './application/sla-sweep.js';
export * from './demo/seed-from-config.js';
