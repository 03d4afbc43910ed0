// ESLint flat config: recommended JS + typescript-eslint rules (no type-aware rules, so linting stays fast),
// the layer boundaries of the code base, and no import cycles in the server.
//
// Layer boundaries use import-x/no-restricted-paths. Each layer is one zone written as an allow-list:
// `from: '**'` forbids every file of the repository, `except` lists what the layer may import
// (npm packages under node_modules and Node built-ins are always allowed). A folder that is not
// listed therefore cannot be imported by accident, and a new server folder is a feature by default.
import path from 'node:path';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier/flat';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ROOT = import.meta.dirname;
const abs = (glob) => path.join(ROOT, glob);

/** Folders of server/src that are layers of their own; every other folder is a feature. */
const SERVER_LAYERS = ['common', 'db', 'graphql', 'app', 'http', 'cli'];
/** Add-in folders with a narrower allow-list than taskpane/ (which, like any other add-in file, may use all of addin/src). */
const ADDIN_INNER_LAYERS = ['sync', 'excel', 'api', 'workflow'];
const OFFICE_GLOBALS = ['Office', 'Excel', 'OfficeExtension'];
const OFFICE_ONLY_IN_EXCEL = `Layer boundary (addin): Office.js (${OFFICE_GLOBALS.join(', ')}) is used only in addin/src/excel/.`;

// The contract itself (an index import of the folder) or anything inside it. Every exception must be a glob.
const CONTRACT = ['schema/contract{,/**}'];
// `X/**/*` (not `X/**`) so that a folder glob never matches a file directly in server/src.
const server = (...dirs) => dirs.map((d) => `server/src/${d}/**/*`);
const serverExcept = (...dirs) => [`server/src/!(${dirs.join('|')})/**/*`];
const addin = (...dirs) => dirs.map((d) => `addin/src/${d}/**/*`);
const FEATURES = serverExcept(...SERVER_LAYERS);

/** A layer that may import only `allowed` (plus npm packages and the contract, which every layer may use). */
function layer(name, target, allowed, message) {
  return {
    target,
    from: '**',
    except: ['**/node_modules/**', ...CONTRACT, ...allowed].map(abs),
    message: `Layer boundary (${name}): ${message}`,
  };
}

const zones = [
  // The one module shared by server and add-in.
  layer('contract', 'schema/contract/**', [], 'schema/contract imports nothing from the repository outside itself.'),

  // Server.
  layer('server/common', server('common'), server('common'), 'common/ may import only common/ and the contract.'),
  layer('server/db', server('db'), server('db', 'common'), 'db/ may import only db/, common/ and the contract.'),
  layer(
    'server/feature',
    FEATURES,
    serverExcept('graphql', 'app', 'http', 'cli'),
    'a feature may import features, common/, db/ and the contract; never graphql/, app/, http/ or cli/.',
  ),
  layer(
    'server/graphql',
    server('graphql'),
    serverExcept('app', 'http', 'cli'),
    'graphql/ may import graphql/, features, common/, db/ and the contract; not app/, http/ or cli/.',
  ),
  layer(
    'server/app',
    server('app'),
    serverExcept('graphql', 'http', 'cli'),
    'app/ may import app/, features, common/, db/ and the contract; not graphql/, http/ or cli/.',
  ),
  layer(
    'server/http',
    server('http'),
    serverExcept('cli'),
    'http/ may import http/, graphql/, app/, features, common/, db/ and the contract; not cli/.',
  ),
  layer(
    'server/cli',
    server('cli'),
    serverExcept('graphql', 'http'),
    'cli/ may import cli/, app/, features, common/, db/ and the contract; not graphql/ or http/.',
  ),
  // Entry files (main.ts, cli.ts) and any other file directly in server/src: anything in the server.
  layer('server', 'server/src/*', ['server/src/**'], 'server code may not import from addin/, test/ or bench/.'),

  // Add-in.
  layer('addin/sync', addin('sync'), addin('sync'), 'sync/ is pure: it may import only sync/ and the contract.'),
  layer(
    'addin/excel',
    addin('excel'),
    addin('excel', 'sync'),
    'excel/ may import only excel/, sync/ and the contract.',
  ),
  layer('addin/api', addin('api'), addin('api', 'sync'), 'api/ may import only api/, sync/ and the contract.'),
  layer(
    'addin/workflow',
    addin('workflow'),
    addin('workflow', 'sync', 'excel', 'api'),
    'workflow/ may import only workflow/, sync/, excel/, api/ and the contract.',
  ),
  layer(
    'addin',
    ['addin/src/*', `addin/src/!(${ADDIN_INNER_LAYERS.join('|')})/**/*`],
    ['addin/src/**'],
    'add-in code may import only the add-in and the contract (never server/, test/ or bench/).',
  ),
];

/**
 * Resolves a relative import to the path it names even when no file is there yet, so that a boundary
 * is enforced by where an import points, not by whether the target exists (the node resolver runs
 * first; this is only the fallback). Bare specifiers are left to the node resolver.
 */
const lexicalFallbackResolver = {
  interfaceVersion: 3,
  name: 'lexical-fallback',
  resolve(modulePath, sourceFile) {
    if (!modulePath.startsWith('./') && !modulePath.startsWith('../')) return { found: false };
    return { found: true, path: path.resolve(path.dirname(sourceFile), modulePath) };
  },
};

export default defineConfig(
  {
    ignores: [
      'dist/**',
      'coverage/**',
      'bench/results/**',
      'server/data/**',
      'test-results/**',
      'addin/public/**',
      'data/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // Established idioms of the code base.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // `cond ? a() : b()` and `x && f()` as statements are used on purpose (e.g. the Office.js fakes).
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      // type-graphql's buildSchema takes its resolver classes as `NonEmptyArray<Function>`.
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
  {
    // Tests and the benchmark read GraphQL responses as `any` and fake Office.js proxies with `this` aliases.
    files: ['test/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-this-alias': 'off',
    },
  },

  // Environments.
  {
    files: ['server/**', 'test/**', 'bench/**', 'scripts/**', 'examples/**', '*.{ts,mjs,js,cjs}', 'addin/*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['addin/src/**', 'test/stand-in/browser.ts', 'test/stand-in/picture.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  // Layer boundaries.
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs'],
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.d.ts', '.js', '.jsx', '.mjs', '.cjs', '.json'] }),
        lexicalFallbackResolver,
      ],
    },
  },
  {
    files: ['server/src/**', 'addin/src/**', 'schema/contract/**'],
    rules: { 'import-x/no-restricted-paths': ['error', { basePath: ROOT, zones }] },
  },
  // Office.js is touched only in addin/src/excel: its globals at run time, and its types (`Excel.Range`).
  {
    files: ['addin/src/**'],
    ignores: ['addin/src/excel/**'],
    rules: {
      'no-restricted-globals': ['error', ...OFFICE_GLOBALS.map((name) => ({ name, message: OFFICE_ONLY_IN_EXCEL }))],
      'no-restricted-syntax': [
        'error',
        {
          selector: [
            `TSQualifiedName > Identifier.left[name=/^(${OFFICE_GLOBALS.join('|')})$/]`,
            `TSTypeQuery > Identifier.exprName[name=/^(${OFFICE_GLOBALS.join('|')})$/]`,
          ].join(', '),
          message: OFFICE_ONLY_IN_EXCEL,
        },
      ],
    },
  },
  // No import cycles in the server (type-only imports do not count).
  {
    files: ['server/src/**'],
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },

  prettier,
);
