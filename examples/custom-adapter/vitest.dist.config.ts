import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The example as its own package: no source aliases, so `@fleetcast/core` and `@fleetcast/core/testing`
// resolve through node_modules to the built `dist`, exactly as in an adapter author's project.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    include: ['acme-adapter.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
