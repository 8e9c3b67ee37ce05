import { builtinModules } from 'node:module';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

interface Manifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const readManifest = (dir: string): Manifest =>
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
const declared = (manifest: Manifest) =>
  new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.devDependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ]);

function typescriptFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'dist') return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? typescriptFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The package a bare specifier names: `@scope/name` or `name`, without a subpath. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

const builtins = new Set(builtinModules);
// Core's runner tests and benchmarks run the real adapters against the simulator. Declaring the adapters
// would be a dependency cycle (they depend on core), so this is the one allowance; moving those tests to an
// integration package would remove it.
const adaptersInCoreTests = new Set(['@fleetcast/adapter-v5', '@fleetcast/adapter-legacy']);
const workspacePackages = [
  ...readdirSync(join(repositoryRoot, 'packages')).map((name) => join(repositoryRoot, 'packages', name)),
  join(repositoryRoot, 'examples', 'custom-adapter'),
].filter((dir) => {
  try {
    return statSync(join(dir, 'package.json')).isFile();
  } catch {
    return false;
  }
});

describe('workspace dependencies', () => {
  it("lets every package's sources, tests and benchmarks import only what its package.json declares", () => {
    // Tools every package's tests and benchmarks use come from the workspace root (vitest, fast-check, tsx).
    const rootTools = declared(readManifest(repositoryRoot));
    const undeclared = workspacePackages.flatMap((dir) => {
      const own = declared(readManifest(dir));
      const name = (readManifest(dir) as { name?: string }).name;
      return typescriptFiles(dir).flatMap((file) => {
        const text = readFileSync(file, 'utf8');
        const specifiers = [
          ...text.matchAll(/^\s*(?:import|export)\b[^;']*?from\s*'([^'.][^']*)'/gm),
          ...text.matchAll(/^\s*import\s*'([^'.][^']*)'/gm),
          ...text.matchAll(/\bimport\(\s*'([^'.][^']*)'\s*\)/g),
        ].map((match) => match[1]!);
        const path = relative(dir, file);
        const isSource =
          path.startsWith('src/') && !path.endsWith('.test.ts') && !path.includes('__test-helpers__');
        return specifiers
          .filter((specifier) => !specifier.startsWith('node:') && !builtins.has(specifier))
          .map(packageOf)
          .filter((used) => used !== name && !own.has(used) && (isSource || !rootTools.has(used)))
          .filter((used) => !(name === '@fleetcast/core' && !isSource && adaptersInCoreTests.has(used)))
          .map((used) => `${relative(repositoryRoot, file)} imports ${used}`);
      });
    });
    expect(undeclared).toEqual([]);
  });

  it('keeps test helpers in __test-helpers__ folders: every other file under a test/ folder is a test', () => {
    const misplaced = workspacePackages.flatMap((dir) => {
      let files: string[];
      try {
        files = typescriptFiles(join(dir, 'test'));
      } catch {
        return [];
      }
      return files
        .map((file) => relative(dir, file))
        .filter((path) => !path.endsWith('.test.ts') && !path.split('/').includes('__test-helpers__'))
        .map((path) => `${relative(repositoryRoot, dir)}/${path}`);
    });
    // The postgres package's helpers are another branch's new files, still changing; they move once it is done.
    expect(misplaced.filter((path) => !path.startsWith('packages/postgres/test/'))).toEqual([]);
  });
});
