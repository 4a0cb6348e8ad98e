// A dossier's files by their SHA-256: the port, the data directory's store and an S3-compatible bucket's.
export * from './file-store.js';
export * from './local-file-store.js';
export * from './s3-file-store.js';
export * from './upload-checks.js';
export * from './clamd-scanner.js';
