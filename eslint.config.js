// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/**
 * Which libs each lib may import, by public name (#berkas/<lib>, D18). Lower
 * layers first; a lib's tests obey the same list (plus the listed libs' test
 * support), so no test of a lib leans on a lib above it.
 */
const LAYERS = {
  // The ground floor: the database seam (connections, errors, how module tables are created).
  sql: [],
  domain: [],
  'event-store': ['sql'],
  contracts: [],
  platform: ['domain', 'sql', 'event-store', 'files'],
  // Survey answers, complaints, online corrections and applications: written by the public side, read and taken in by the desk.
  'public-inbox': ['domain', 'sql'],
  'read-models': ['domain', 'sql', 'event-store', 'platform', 'public-inbox'],
  messaging: ['contracts', 'domain', 'sql', 'event-store', 'platform', 'read-models'],
  // The papers: permits and letters as PDFs (what a summary says, laid out) and the receipt's PIN; no I/O of its own.
  documents: ['domain', 'sql', 'platform', 'read-models'],
  // A dossier's files by their hash: the data directory's store and an S3 bucket's; knows nothing of dossiers.
  files: [],
  // Notices to applicants: the outbox's dispatcher and its channels.
  notifications: ['domain', 'sql', 'event-store', 'platform', 'read-models'],
  desk: ['domain', 'sql', 'event-store', 'platform', 'read-models', 'documents', 'public-inbox', 'files'],
  tracking: ['domain', 'sql', 'event-store', 'platform', 'read-models', 'documents', 'public-inbox', 'files'],
  testing: ['domain', 'sql', 'event-store', 'platform', 'read-models', 'desk', 'contracts', 'messaging', 'public-inbox'],
};

/** Test files and test support of a lib: they may read fixtures from disk. */
const TEST_FILES = ['**/*.spec.ts', '**/*.int-spec.ts', '**/testing/**'];

/** What the domain may not import outside its tests: no framework and no I/O (files are read by the caller). */
const DOMAIN_BANS = {
  group: ['@nestjs/*', 'pg', '@electric-sql/*', 'express', 'kafkajs', '@eventstore/*', 'node:*', 'fs', 'path', 'os'],
  message: 'libs/domain is plain functions: no framework, no I/O (files are read by the caller and handed in as text)',
};

function boundaryPatterns(lib, allowed) {
  return [
    {
      regex: '^\\.\\.?/.*\\b(libs|apps|src|dist)/',
      message: 'another lib is imported by its public name (#berkas/<lib>), never by a path into its files; a lib never imports an app',
    },
    {
      // Anything under #berkas/ but the allowed libs (any of their entries) and this lib's own test support.
      regex: `^#berkas/(?!(?:${[...allowed, '\\$none'].join('|')})(?:/|$)|${lib}/testing$)`,
      message: `libs/${lib} may import only ${allowed.length ? allowed.join(', ') : 'no other lib'} (see LAYERS in eslint.config.js)`,
    },
  ];
}

function libraryBoundaries() {
  return Object.entries(LAYERS).flatMap(([lib, allowed]) => {
    const rule = (extra) => ({ 'no-restricted-imports': ['error', { patterns: [...boundaryPatterns(lib, allowed), ...extra] }] });
    const blocks = [{ files: [`libs/${lib}/src/**/*.ts`], rules: rule([]) }];
    if (lib === 'domain') blocks.push({ files: [`libs/${lib}/src/**/*.ts`], ignores: TEST_FILES, rules: rule([DOMAIN_BANS]) });
    return blocks;
  });
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.berkas-data/**', '.tools/**', 'coverage/**', '*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // Layer rules: the domain imports no framework and no other layer.
      'no-restricted-imports': 'off',
    },
  },
  ...libraryBoundaries(),
  {
    // The public pages' script, served as it is to browsers: plain ES5 with the few browser globals it uses.
    files: ['libs/*/src/**/public/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { document: 'readonly', location: 'readonly', URLSearchParams: 'readonly', setTimeout: 'readonly', window: 'readonly' },
    },
  },
  {
    // No module cycle anywhere, the console included: a cycle makes the order of evaluation matter and hides which
    // file is the ground of which (D41). Libs import each other by layer (above); this catches cycles inside one.
    files: ['apps/**/*.ts', 'apps/**/*.tsx', 'libs/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // Files an import reaches are parsed as TypeScript too; without this the rule silently sees no imports in them.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx'],
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: ['tsconfig.json', 'apps/console/tsconfig.json'], noWarnOnMultipleProjects: true }),
      ],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['apps/**/*.ts', 'apps/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^\\.\\.?/.*\\b(libs|apps|src)/', message: 'an app imports libs by name (#berkas/<lib>) and never another app' },
            { regex: '^#berkas/(?:[^/]+/)?testing$', message: 'test support stays out of the deployables' },
          ],
        },
      ],
    },
  },
);
