// Jest runs the compiled ESM output (npm test builds first), so what is tested
// is exactly what `npm start` runs; source maps point failures at the .ts files.
export default {
  rootDir: 'dist',
  testEnvironment: 'node',
  transform: {},
  testMatch: ['**/*.spec.js', '**/*.int-spec.js', '**/*.e2e-spec.js'],
  testTimeout: 120_000,
  // No process a failed suite started outlives its file (it once kept Jest from exiting).
  setupFilesAfterEnv: ['<rootDir>/test/support/after-each-file.js'],
  verbose: false,
};
