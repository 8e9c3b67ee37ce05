import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCliContext } from '../src/cli-context.js';
import { createProgram } from '../src/create-program.js';
import { ExitCode } from '../src/exit-code.js';
import { runCli } from '../src/run-cli.js';
import { collectingIo } from './__test-helpers__/collecting-io.js';

const folder = mkdtempSync(join(tmpdir(), 'fleetcast-wording-'));
let fileCount = 0;
function writeFile(name: string, content: string): string {
  const path = join(folder, `${fileCount++}-${name}`);
  writeFileSync(path, content);
  return path;
}

async function cli(argv: string[]) {
  const io = collectingIo();
  const code = await runCli(argv, io);
  return { code, stdout: io.stdout.text(), stderr: io.stderr.text() };
}

/** `--platform` → `--platfrom`: the last two letters of the name swapped (a typo commander can suggest). */
function typo(flag: string): string {
  const name = flag.slice(2);
  if (name.length < 3) return `--${name}x`;
  return `--${name.slice(0, -2)}${name.at(-1)}${name.at(-2)}`;
}

const program = createProgram(createCliContext(collectingIo()));
const optionCases = program.commands.flatMap((command) =>
  command.options
    .filter((option) => option.long !== undefined && typo(option.long) !== option.long)
    .map((option) => ({
      command: command.name(),
      flag: option.long as string,
      arity: command.registeredArguments.length,
    })),
);

describe('CLI errors in CLI wording', () => {
  it('covers every command and option', () => {
    const withOptions = program.commands.filter((command) => command.options.length > 0);
    expect(new Set(optionCases.map((entry) => entry.command)).size).toBe(withOptions.length);
    expect(optionCases.length).toBeGreaterThan(30);
  });

  it.each(optionCases)(
    '$command: a typo of $flag names the unknown option, not a missing required one',
    async (entry) => {
      const positionals = ['campaign.json', 'meter_1'].slice(0, entry.arity);
      const result = await cli([entry.command, ...positionals, typo(entry.flag), 'v5']);
      expect(result.code).toBe(ExitCode.invalidInput);
      expect(result.stderr).toContain(`unknown option '${typo(entry.flag)}'`);
      expect(result.stderr).not.toContain('required option');
    },
  );

  it('suggests the option a typo was meant to be', async () => {
    const result = await cli(['plan', 'campaign.json', '--platfrom', 'v5']);
    expect(result.stderr).toContain("unknown option '--platfrom'");
    expect(result.stderr).toContain('Did you mean --platform?');
  });

  it('still refuses a missing required option once the others are known', async () => {
    const result = await cli(['run', 'campaign.json', '--platform', 'v5']);
    expect(result.code).toBe(ExitCode.invalidInput);
    expect(result.stderr).toContain("required option '--endpoint <url>' not specified");
  });

  const operation = { type: 'firmwareUpgrade', packageIds: ['p1'] };
  const needsDirectory = [
    {
      name: 'rules',
      target: { type: 'Rules', conditions: { all: [{ fact: 'model', operator: 'equal', value: 'x' }] } },
    },
    { name: 'excluding', target: { type: 'DeviceType', deviceType: 'Meter', exclude: ['a'] } },
    {
      name: 'waves',
      target: { type: 'DeviceArea', location: 'Wuhan' },
      rollout: { waves: [{ percent: 100 }] },
    },
    // v5 selects no DeviceArea natively: expanded, so a device source is needed even without exclusions.
    { name: 'area', target: { type: 'DeviceArea', location: 'Wuhan' } },
  ];
  it.each(needsDirectory)(
    'plan of a target that needs a device source ($name) names --devices and --endpoint',
    async (campaign) => {
      const file = writeFile('c.json', JSON.stringify({ operation, ...campaign }));
      const result = await cli(['plan', file, '--platform', 'v5']);
      expect(result.code).toBe(ExitCode.invalidInput);
      expect(result.stderr).toContain('--devices <fleet file> or --endpoint <url>');
      expect(result.stderr).not.toMatch(/options\.\w/);
    },
  );

  it.each([
    ['--concurrency', '17', '1 to 16'],
    ['--concurrency', '0', '1 to 16'],
    ['--max-unfinished', '1001', '1 to 1000'],
  ])('run refuses %s %s in the option’s own words', async (flag, value, range) => {
    const result = await cli([
      'run',
      'c.json',
      '--platform',
      'v5',
      '--endpoint',
      'http://127.0.0.1:9',
      flag,
      value,
    ]);
    expect(result.code).toBe(ExitCode.invalidInput);
    expect(result.stderr).toContain(flag);
    expect(result.stderr).toContain(range);
  });
});
