import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from './__test-helpers__/run-fleetcast-process.js';

// What `npm publish` would ship for each package: built with the package's own tsup config (into a scratch
// folder, so that a build in this test never races a test that reads the package's dist/), then listed by
// `npm pack --dry-run --json` over the package's files allow-list.

/** Most bytes each tarball may have, gzipped: about 1.3× the size measured (cli 119 KB and postgres 36 KB after the operator commands and the postgres CLI), far below core's 631 KB with vitest bundled. */
const maxTarballBytes: Record<string, number> = {
  core: 300_000,
  'adapter-v5': 60_000,
  'adapter-legacy': 35_000,
  simulator: 140_000,
  cli: 155_000,
  postgres: 47_000,
};

const packagesRoot = join(repositoryRoot, 'packages');
const names = readdirSync(packagesRoot).filter((name) =>
  existsSync(join(packagesRoot, name, 'package.json')),
);
const scratch = mkdtempSync(join(tmpdir(), 'fleetcast-pack-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Manifest {
  name: string;
  license: string;
  files: string[];
  main?: string;
  types?: string;
  bin?: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
}
interface Packed {
  size: number;
  files: { path: string; size: number }[];
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, CI: 'true' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

const packed = new Map<string, Packed>();

async function pack(name: string): Promise<void> {
  const root = join(packagesRoot, name);
  const copy = join(scratch, name);
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
  const tsup = join(repositoryRoot, 'node_modules', 'tsup', 'dist', 'cli-default.js');
  const build = await run(process.execPath, [tsup, '--silent', '--out-dir', join(copy, 'dist')], root);
  expect(build.code, build.output).toBe(0);
  for (const entry of [
    'package.json',
    'README.md',
    'LICENSE',
    ...manifest.files.filter((file) => file !== 'dist'),
  ]) {
    if (existsSync(join(root, entry))) cpSync(join(root, entry), join(copy, entry), { recursive: true });
  }
  const npm = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], copy);
  expect(npm.code, npm.output).toBe(0);
  const [result] = JSON.parse(npm.output.slice(npm.output.indexOf('['))) as Packed[];
  packed.set(name, result as Packed);
}

beforeAll(async () => {
  // Two builds at a time: the machine has two cores.
  const queue = [...names];
  await Promise.all(
    [0, 1].map(async () => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) await pack(name);
    }),
  );
}, 600_000);

function targetsOf(manifest: Manifest): string[] {
  const exported = Object.values(manifest.exports).flatMap((value) =>
    typeof value === 'string' ? [value] : Object.values(value),
  );
  return [manifest.main, manifest.types, ...Object.values(manifest.bin ?? {}), ...exported]
    .filter((path): path is string => path !== undefined)
    .map((path) => path.replace(/^\.\//, ''));
}

describe('package tarballs', () => {
  it('covers every package', () => {
    expect(names.sort()).toEqual(Object.keys(maxTarballBytes).sort());
  });

  it.each(names)(
    '%s: LICENSE (Apache-2.0, the repository text), README, every entry point, nothing else',
    (name) => {
      const result = packed.get(name) as Packed;
      const manifest = JSON.parse(readFileSync(join(packagesRoot, name, 'package.json'), 'utf8')) as Manifest;
      const paths = result.files.map((file) => file.path);
      expect(manifest.license).toBe('Apache-2.0');
      expect(paths).toContain('LICENSE');
      expect(readFileSync(join(packagesRoot, name, 'LICENSE'), 'utf8')).toBe(
        readFileSync(join(repositoryRoot, 'LICENSE'), 'utf8'),
      );
      expect(readFileSync(join(repositoryRoot, 'LICENSE'), 'utf8')).toMatch(
        /Apache License\s+Version 2\.0, January 2004/,
      );
      expect(paths).toContain('README.md');
      expect(readFileSync(join(packagesRoot, name, 'README.md'), 'utf8')).toContain(`# ${manifest.name}`);
      for (const target of targetsOf(manifest)) expect(paths).toContain(target);
      const allowed = /^(LICENSE|README\.md|package\.json|dist\/.+|bin\/[\w-]+\.js|schema\/[\w.-]+\.json)$/;
      expect(paths.filter((path) => !allowed.test(path))).toEqual([]);
      expect(paths.filter((path) => /\.test\.|\/src\//.test(path))).toEqual([]);
    },
  );

  it.each(names)('%s: the tarball stays within its size limit', (name) => {
    const result = packed.get(name) as Packed;
    expect(result.size).toBeLessThanOrEqual(maxTarballBytes[name] as number);
  });

  it('core: dist/testing imports vitest instead of bundling it', () => {
    const testing = readFileSync(join(scratch, 'core', 'dist', 'testing', 'index.js'), 'utf8');
    expect(testing).toMatch(/from ["']vitest["']/);
    expect(testing).not.toContain('@vitest/runner');
  });
});
