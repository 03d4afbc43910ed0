import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

// npm run test:cluster: the Galera cluster test alone (a 3-node cluster and two servers of its own;
// not part of `npm test`, which runs on every push). One file, one worker.
export default mergeConfig(
  { ...base, test: { ...base.test, projects: undefined } },
  defineConfig({
    test: {
      name: 'cluster',
      include: ['test/cluster/**/*.cluster.test.ts'],
      maxWorkers: 1,
      testTimeout: 900_000,
      hookTimeout: 400_000,
    },
  }),
);
