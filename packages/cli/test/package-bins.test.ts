import { accessSync, constants, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from './__test-helpers__/run-fleetcast-process.js';

const packagesRoot = join(repositoryRoot, 'packages');
const manifests = readdirSync(packagesRoot).map((name) => ({
  name,
  root: join(packagesRoot, name),
  manifest: JSON.parse(readFileSync(join(packagesRoot, name, 'package.json'), 'utf8')) as {
    bin?: Record<string, string>;
  },
}));
const bins = manifests.flatMap(({ name, root, manifest }) =>
  Object.entries(manifest.bin ?? {}).map(([command, target]) => ({ name, root, command, target })),
);

// pnpm links bins at install time, before anything is built: a bin pointing into dist/ made a fresh
// clone's install warn "Failed to create bin … ENOENT" once per dependant package.
describe('package bins', () => {
  it('there are bins to check', () => {
    expect(bins.map((bin) => bin.command).sort()).toEqual(['fleetcast', 'fleetcast-simulator']);
  });

  it.each(bins)(
    '$command points to an executable file of the source tree, not into dist/',
    ({ root, target }) => {
      expect(target).not.toMatch(/(^|\/)dist\//);
      const path = join(root, target);
      accessSync(path, constants.X_OK);
      const text = readFileSync(path, 'utf8');
      expect(text.startsWith('#!/usr/bin/env node\n')).toBe(true);
      // It starts the built entry, which tsup writes from src/bin.ts.
      expect(text).toContain("'../dist/bin.js'");
      expect(readFileSync(join(root, 'tsup.config.ts'), 'utf8')).toContain("bin: 'src/bin.ts'");
    },
  );
});
