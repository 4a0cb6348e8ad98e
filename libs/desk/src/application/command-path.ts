// The command path without HTTP or Nest modules (`#berkas/desk/command-path`): what
// benchmarks, projection tests and other processes use to run dossier commands.
export * from './document-numbers.js';
export * from './dossier-command.service.js';
export * from './sla-sweep.js';
