import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const exampleRoot = fileURLToPath(new URL('.', import.meta.url));
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
const coreRoot = join(repositoryRoot, 'packages', 'core');
const outputDir = mkdtempSync(join(tmpdir(), 'fleetcast-dist-conformance-'));

/** Runs `node <script> ...args` in `cwd`; resolves with the exit code and everything printed. */
function runNode(
  script: string,
  args: string[],
  cwd: string,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, env: { ...process.env, CI: 'true' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

afterAll(() => rmSync(outputDir, { recursive: true, force: true }));

// Tests elsewhere import core's sources; this one is an adapter author's view: build the package, then run
// the example's conformance test in its own vitest with `@fleetcast/core/testing` taken from `dist`.
describe('the conformance suite from the built package', () => {
  it('runs the example adapter through describeAdapterConformance imported from dist', async () => {
    // `pnpm build` for core: the workspace root declares tsup.
    const tsup = join(repositoryRoot, 'node_modules', 'tsup', 'dist', 'cli-default.js');
    const build = await runNode(tsup, ['--silent'], coreRoot);
    expect(build.code, build.output).toBe(0);

    const built = readFileSync(join(coreRoot, 'dist', 'testing', 'index.js'), 'utf8');
    expect(built).toMatch(/from ["']vitest["']/);
    expect(built).not.toContain('@vitest/runner');

    const vitest = join(exampleRoot, 'node_modules', 'vitest', 'vitest.mjs');
    const report = join(outputDir, 'report.json');
    const run = await runNode(
      vitest,
      ['run', '--config', 'vitest.dist.config.ts', '--reporter=json', `--outputFile=${report}`],
      exampleRoot,
    );
    expect(run.code, run.output).toBe(0);
    const result = JSON.parse(readFileSync(report, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      testResults: { name: string }[];
    };
    expect(result.numFailedTests).toBe(0);
    expect(result.numPassedTests).toBeGreaterThan(10);
    expect(result.testResults.map((file) => file.name)).toEqual([join(exampleRoot, 'acme-adapter.test.ts')]);
  }, 180_000);
});
