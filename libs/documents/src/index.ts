export * from './document-facts.js';
export * from './document-pdf.js';
export * from './verification-url.js';
export * from './receipt-pin.js';
export * from './fonts.js';
export * from './signing/index.js';
export * from './signed-documents.js';
export * from './bills/index.js';
