// Jest runs the compiled ESM output (npm test builds first), so what is tested
// is exactly what `npm start` runs; source maps point failures at the .ts files.
export default {
  rootDir: 'dist',
  testEnvironment: 'node',
  transform: {},
  testMatch: ['**/*.spec.js', '**/*.int-spec.js', '**/*.e2e-spec.js'],
  testTimeout: 60000,
  verbose: false,
};
