// Test support of the event store (the contract suite every adapter passes, test databases),
// reached as `#berkas/event-store/testing`.
export * from './event-store-contract.js';
export * from './eventstoredb-wire-fake.js';
