import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// One config over every package; tests import workspace packages from source, not dist.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@fleetcast\/core\/testing$/, replacement: source('./packages/core/src/testing/index.ts') },
      {
        find: /^@fleetcast\/core\/adapter-kit$/,
        replacement: source('./packages/core/src/adapter-kit/index.ts'),
      },
      { find: /^@fleetcast\/core$/, replacement: source('./packages/core/src/index.ts') },
      { find: /^@fleetcast\/adapter-legacy$/, replacement: source('./packages/adapter-legacy/src/index.ts') },
      { find: /^@fleetcast\/adapter-v5$/, replacement: source('./packages/adapter-v5/src/index.ts') },
      { find: /^@fleetcast\/simulator$/, replacement: source('./packages/simulator/src/index.ts') },
      { find: /^@fleetcast\/postgres$/, replacement: source('./packages/postgres/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
