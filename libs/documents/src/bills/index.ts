export * from './terbilang.js';
export * from './bill-pdf.js';
export * from './bill-facts.js';
