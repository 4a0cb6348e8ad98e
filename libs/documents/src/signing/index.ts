export * from './cades.js';
export * from './pades.js';
export * from './demo-certificate.js';
export * from './permit-signer.js';
export * from './remote-signer.js';
