import os from 'node:os';
import path from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// SWC (not esbuild) compiles the tests so TypeORM and type-graphql get decorator metadata.
export default defineConfig({
  plugins: [
    swc.vite({
      jsc: {
        parser: { syntax: 'typescript', decorators: true, tsx: true },
        transform: {
          legacyDecorator: true,
          decoratorMetadata: true,
          useDefineForClassFields: false,
          react: { runtime: 'automatic' },
        },
        target: 'es2022',
      },
    }),
  ],
  // One copy of graphql-js: type-graphql and Apollo load the CommonJS build, so tests must too
  // (otherwise "Cannot use GraphQLEnumType from another module or realm").
  resolve: { alias: [{ find: /^graphql$/, replacement: path.resolve(__dirname, 'node_modules/graphql/index.js') }] },
  // Vitest's cache (test durations, which order the files) in this checkout: worktrees may share node_modules.
  cacheDir: path.resolve(__dirname, '.cache/vite'),
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One worker per core (vitest's default is cores − 1: a single worker on a 2-core machine). Much
    // of a test file's time is spent waiting on MariaDB, Chromium or a child process.
    maxWorkers: Math.max(2, os.availableParallelism()),
    // A worker keeps its loaded modules from one file to the next (TypeORM, type-graphql, Apollo are
    // imported once per worker, not per file): test files must leave no global state behind.
    isolate: false,
    globalSetup: ['test/global-setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ['**/node_modules/**', 'test/**/*.isolated.test.ts', 'test/cluster/**'],
        },
      },
      // Files that mock a module (vi.mock) need modules of their own: a shared worker may have loaded it already.
      { extends: true, test: { name: 'isolated', include: ['test/**/*.isolated.test.ts'], isolate: true } },
    ],
    // Decorators (type-graphql, TypeORM, tsyringe) read design-time metadata: load the polyfill before any test module.
    // Property tests get a fixed seed (test/fast-check-seed.ts).
    setupFiles: ['reflect-metadata', './test/fast-check-seed.ts'],
  },
});
