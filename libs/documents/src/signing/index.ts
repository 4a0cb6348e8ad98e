export * from './cades.js';
export * from './pades.js';
export * from './demo-certificate.js';
