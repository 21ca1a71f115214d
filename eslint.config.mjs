import fs from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const FRONTEND = 'packages/frontend/src';
const FEATURES = fs
  .readdirSync(path.join(import.meta.dirname, FRONTEND, 'features'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/**
 * The frontend's layers (bulletproof-react's restricted zones): a feature reaches another only
 * through its public entry (`index.ts`), never into its folders; shared components and `lib`
 * never reach into features; and nothing reaches up into `app`, which composes them all.
 */
const featureZones = FEATURES.flatMap((feature) =>
  FEATURES.filter((other) => other !== feature).map((other) => ({
    target: `./${FRONTEND}/features/${feature}`,
    from: `./${FRONTEND}/features/${other}`,
    except: ['./index.ts'],
    message: `Import from the ${other} feature's public entry, features/${other}/index.ts.`,
  })),
);
const sharedZone = {
  target: [`./${FRONTEND}/components`, `./${FRONTEND}/lib`],
  from: `./${FRONTEND}/features`,
  message: 'Shared code knows no feature: move what both need into components/ or lib/.',
};
const appZone = {
  target: [`./${FRONTEND}/features`, `./${FRONTEND}/components`, `./${FRONTEND}/lib`],
  from: `./${FRONTEND}/app`,
  message: 'The app composes features and shared code; they never import from it.',
};

const SQLITE_DRIVER = {
  name: 'better-sqlite3',
  message: 'Only the SQLite store (src/db/sqlite/) uses the driver; go through the ports.',
};
const POSTGRES_DRIVER = {
  name: 'pg',
  message: 'Only the PostgreSQL store (src/db/postgres/) uses the driver; go through the ports.',
};
const REDIS_CLIENTS = ['@redis/client', 'redis', 'ioredis'].map((name) => ({
  name,
  message: 'Only src/redis/ talks to Redis; the limits go through the counts it shares.',
}));

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/coverage/**', '**/node_modules/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: [
            '*.mjs',
            'packages/backend/vitest.config.ts',
            'packages/backend/vitest.browser.config.ts',
            'packages/shared/vitest.config.ts',
          ],
        },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      'func-style': ['error', 'declaration', { allowArrowFunctions: true }],
      'no-console': ['error', { allow: ['info', 'warn', 'error'] }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // Tests assert on JSON bodies as they came over the wire.
    files: ['**/*.test.ts', '**/*.test.tsx', '**/*.e2e.ts', 'packages/backend/src/test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The storage seam: only each store's adapter talks to its database driver.
    files: ['packages/backend/src/**/*.ts', 'packages/backend/bench/**/*.ts'],
    ignores: [
      'packages/backend/src/db/sqlite/**',
      'packages/backend/src/db/postgres/**',
      'packages/backend/src/redis/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [SQLITE_DRIVER, POSTGRES_DRIVER, ...REDIS_CLIENTS] },
      ],
    },
  },
  {
    files: ['packages/backend/src/db/sqlite/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [POSTGRES_DRIVER, ...REDIS_CLIENTS] }] },
  },
  {
    files: ['packages/backend/src/db/postgres/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [SQLITE_DRIVER, ...REDIS_CLIENTS] }] },
  },
  {
    files: ['packages/backend/src/redis/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [SQLITE_DRIVER, POSTGRES_DRIVER] }] },
  },
  {
    // The environment is parsed once, in config/; the tests' own knobs are theirs.
    files: ['packages/backend/src/**/*.ts'],
    ignores: [
      'packages/backend/src/config/**',
      'packages/backend/src/test/**',
      'packages/backend/src/**/*.test.ts',
    ],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through config/.' },
      ],
    },
  },
  {
    // The SQLite adapter answers at once behind the storage ports, which are async for any store.
    files: ['packages/backend/src/db/sqlite/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['packages/frontend/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // One stream per page, through the one wrapper.
    files: ['packages/frontend/src/**/*.{ts,tsx}'],
    ignores: ['packages/frontend/src/lib/event-source.ts', 'packages/frontend/src/test/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='EventSource']",
          message: 'Open streams through lib/event-source.ts (useAvailabilityStream).',
        },
      ],
    },
  },
  {
    files: [`${FRONTEND}/**/*.{ts,tsx}`],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
    },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        { basePath: import.meta.dirname, zones: [...featureZones, sharedZone, appZone] },
      ],
    },
  },
  {
    // Tests, and the testing/ set-ups beside them, render the app's routes around a feature.
    files: [`${FRONTEND}/**/*.test.{ts,tsx}`, `${FRONTEND}/**/testing/**`, `${FRONTEND}/test/**`],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        { basePath: import.meta.dirname, zones: [...featureZones, sharedZone] },
      ],
    },
  },
);
