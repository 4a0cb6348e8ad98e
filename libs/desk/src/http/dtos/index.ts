// The request bodies and query strings of the officers' API, by use.
export * from './registration.dto.js';
export * from './step-commands.dto.js';
export * from './fee.dto.js';
export * from './complaint.dto.js';
export * from './login.dto.js';
export * from './lists.dto.js';
export * from './route.dto.js';
export * from './catalogue.dto.js';
