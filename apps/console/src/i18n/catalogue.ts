// The console's translation catalogue, reached as one module: the words for the domain's codes, for errors, the
// console's own words, and the formats (Rupiah, dates) they are shown in.
export * from './words.js';
export * from './errors.js';
export * from './ui-text.js';
export * from './format.js';
export * from './numbers.js';
