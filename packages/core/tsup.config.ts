import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'adapter-kit/index': 'src/adapter-kit/index.ts',
    'testing/index': 'src/testing/index.ts',
  },
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  // The conformance suite registers its cases with the adapter author's own vitest: bundling a copy
  // would register them with a runner that is not running (it threw "reading 'config'").
  external: ['vitest'],
});
