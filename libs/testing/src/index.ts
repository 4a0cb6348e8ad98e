// Test support across the libs, for the apps' end-to-end suites and benchmarks.
export * from '#berkas/domain/testing';
export * from '#berkas/event-store/testing';
export * from '#berkas/sql/testing';
export * from './command-service.js';
export * from './kafka-broker.js';
export * from './split-topology.js';
export * from './s3-mock.js';
export * from './clamd.js';
