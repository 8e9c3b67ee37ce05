import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as kit from '../src/adapter-kit/index.js';
import * as main from '../src/index.js';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  exports: Record<string, { types: string; import: string }>;
};
const tsupConfig = readFileSync(fileURLToPath(new URL('../tsup.config.ts', import.meta.url)), 'utf8');

// The adapter kit is for adapter authors, at its own subpath; users of the main entry never see it.
describe("core's entries", () => {
  it('keeps the adapter kit out of the main entry', () => {
    const kitValues = Object.keys(kit);
    expect(kitValues).toContain('createHttpTransport');
    expect(kitValues.filter((name) => name in main)).toEqual([]);
  });

  it('declares @fleetcast/core/adapter-kit in package.json and builds it with tsup', () => {
    expect(packageJson.exports['./adapter-kit']).toEqual({
      types: './dist/adapter-kit/index.d.ts',
      import: './dist/adapter-kit/index.js',
      default: './dist/adapter-kit/index.js',
    });
    expect(tsupConfig).toContain("'adapter-kit/index': 'src/adapter-kit/index.ts'");
  });
});
