export * from './integration-events.js';
export * from './internal-events.js';
export * from './topics.js';
export * from './asyncapi.js';
export * from './compatibility.js';
