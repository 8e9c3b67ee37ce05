import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCampaignDocument } from '../src/load-valid-campaign.js';
import { platformAdapterInfo } from '../src/platform-adapter.js';
import { runCli } from '../src/run-cli.js';
import { collectingIo } from './__test-helpers__/collecting-io.js';
import {
  e2eTestTimeoutMs,
  killLeftoverProcesses,
  runFleetcastProcess,
} from './__test-helpers__/run-fleetcast-process.js';

// Generated documents through every command that reads a campaign file: whatever the file holds, the
// command ends with a documented exit code and a message, never "unexpected error" or a stack trace.

const folder = mkdtempSync(join(tmpdir(), 'fleetcast-fuzz-'));
let fileCount = 0;
function writeFile(name: string, content: string): string {
  const path = join(folder, `${fileCount++}-${name}`);
  writeFileSync(path, content);
  return path;
}
afterAll(killLeftoverProcesses);
const v5Info = await platformAdapterInfo('v5');

const fleet = writeFile(
  'fleet.jsonl',
  Array.from({ length: 30 }, (_, index) =>
    JSON.stringify({
      id: `meter_${index}`,
      deviceType: 'Meter',
      location: 'Wuhan',
      facts: { fw: index % 4 },
    }),
  ).join('\n'),
);

/** A valid campaign that uses every part of the document: a rules target, a policy, a gated rollout. */
const base = {
  name: 'fuzz_fw',
  target: {
    type: 'Rules',
    conditions: {
      all: [
        { fact: 'deviceType', operator: 'equal', value: 'Meter' },
        { fact: 'fw', operator: 'lessThan', value: 3 },
      ],
    },
    exclude: ['meter_1'],
  },
  operation: { type: 'firmwareUpgrade', packageIds: ['p1'] },
  policy: { timeout: 60, retryCount: 1, retryInterval: 10 },
  rollout: {
    waves: [{ percent: 10 }, { percent: 100 }],
    gate: { minFinishedFraction: 1, minSuccessRate: 0.9, soakMs: 0 },
    abort: {
      action: 'abort',
      criteria: [{ failureType: 'any', thresholdPercent: 10, minFinishedDevices: 5 }],
    },
  },
};

/** Every path to a field or list entry of `value` (`[]` is the whole document). */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value))
    return [...here, ...value.flatMap((item, index) => pathsOf(item, [...prefix, index]))];
  if (typeof value === 'object' && value !== null)
    return [...here, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
  return here;
}
const paths = pathsOf(base);

const deepMarker = '__fleetcast_deep__';
/** Deep nesting is written as text: building it as a value would exhaust the stack of the test itself. */
const deep = fc.record({
  depth: fc.integer({ min: 1000, max: 200_000 }),
  kind: fc.constantFrom('array', 'object', 'not'),
});
function deepText({ depth, kind }: { depth: number; kind: string }): string {
  if (kind === 'array') return `${'['.repeat(depth)}${']'.repeat(depth)}`;
  if (kind === 'object') return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  return `${'{"not":'.repeat(depth)}{"fact":"fw","operator":"equal","value":1}${'}'.repeat(depth)}`;
}

const replacement = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, 0, -1, 1e308, '', [], {}) },
  { weight: 1, arbitrary: fc.integer({ min: 100_000, max: 2_000_000 }).map((length) => 'x'.repeat(length)) },
  { weight: 1, arbitrary: deep.map((spec) => ({ [deepMarker]: spec })) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

/** The base campaign with one field replaced (or removed, for `undefined`), as file text. */
const document = fc.record({ path: fc.constantFrom(...paths), value: replacement }).map(({ path, value }) => {
  const copy = structuredClone(base) as unknown;
  let deepSpec: { depth: number; kind: string } | undefined;
  const inserted = typeof value === 'object' && value !== null && deepMarker in value ? deepMarker : value;
  if (inserted === deepMarker)
    deepSpec = (value as Record<string, { depth: number; kind: string }>)[deepMarker];
  let result: unknown;
  if (path.length === 0) result = inserted;
  else {
    let parent = copy as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    const last = path[path.length - 1] as string | number;
    if (inserted === undefined) delete parent[last];
    else parent[last] = inserted;
    result = copy;
  }
  const text = result === undefined ? '' : JSON.stringify(result);
  return {
    text: deepSpec ? text.replace(JSON.stringify(deepMarker), deepText(deepSpec)) : text,
    where: path.join('.') || '(top level)',
  };
});

/** Runs per property: a few dozen in the suite; set FLEETCAST_FUZZ_RUNS for a longer hunt. */
const numRuns = Number(process.env.FLEETCAST_FUZZ_RUNS ?? 40);
const stackTrace = /\n\s+at .+:\d+:\d+/;
const env = { FLEETCAST_V5_PROJECT_ID: 'p', FLEETCAST_V5_TOKEN: 't' };

/** Each command with the arguments it gets and the exit codes docs/cli.md gives it. */
const commands = [
  { name: 'validate', args: (file: string) => ['validate', file, '--platform', 'v5'], codes: [0, 2] },
  {
    name: 'validate --json',
    args: (file: string) => ['validate', file, '--platform', 'v5', '--json'],
    codes: [0, 2],
  },
  {
    name: 'plan',
    args: (file: string) => ['plan', file, '--platform', 'v5', '--devices', fleet],
    codes: [0, 2],
  },
  {
    name: 'plan --json',
    args: (file: string) => ['plan', file, '--platform', 'v5', '--devices', fleet, '--json'],
    codes: [0, 2],
  },
  {
    name: 'explain',
    args: (file: string) => ['explain', file, 'meter_2', '--devices', fleet],
    codes: [0, 1, 2],
  },
  {
    name: 'explain (no source)',
    args: (file: string) => ['explain', file, 'meter_2', '--json'],
    codes: [0, 2],
  },
];

async function check(args: string[], codes: number[], where: string) {
  const io = collectingIo({ env });
  const code = await runCli(args, io);
  const output = io.stdout.text() + io.stderr.text();
  expect(codes, `${where}: exit ${code}\n${output.slice(0, 400)}`).toContain(code);
  expect(output).not.toContain('unexpected error');
  expect(output).not.toMatch(stackTrace);
  if (code === 2) expect(io.stderr.text() + io.stdout.text()).not.toBe('');
}

describe('the CLI on generated campaign documents', () => {
  it.each(commands)('$name: a documented exit code and a message, never a crash', async (command) => {
    await fc.assert(
      fc.asyncProperty(document, async ({ text, where }) => {
        await check(command.args(writeFile('c.json', text)), command.codes, where);
      }),
      { numRuns },
    );
  });

  it('run: an invalid document stops before anything is sent (exit 2), never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(document, async ({ text, where }) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = Symbol('unparsable');
        }
        // A valid document would start a real run; nothing listens on port 9.
        fc.pre(typeof parsed === 'symbol' || refusedBeforeRun(parsed));
        const journal = join(folder, `j${fileCount++}.jsonl`);
        await check(
          [
            'run',
            writeFile('c.json', text),
            '--platform',
            'v5',
            '--endpoint',
            'http://127.0.0.1:9',
            '--devices',
            fleet,
            '--journal',
            journal,
            '--progress',
            'none',
          ],
          [2],
          where,
        );
      }),
      { numRuns },
    );
  });

  it('every JSON type at the top level, through the real binary', {
    timeout: e2eTestTimeoutMs(4),
  }, async () => {
    for (const text of ['null', '[]', '"campaign"', JSON.stringify({ ...base, rollout: { waves: 3 } })]) {
      const result = await runFleetcastProcess([
        'plan',
        writeFile('c.json', text),
        '--platform',
        'v5',
        '--devices',
        fleet,
      ]);
      expect(result.code).toBe(2);
      expect(result.stderr).not.toContain('unexpected error');
      expect(result.stderr).not.toMatch(stackTrace);
      expect(result.stderr).toMatch(/^(campaign|rollout\.waves)\b.*\[\w+\]$/m);
    }
  });
});

/** True when the CLI refuses the document before running it: the run property feeds only those. */
function refusedBeforeRun(parsed: unknown): boolean {
  try {
    return checkCampaignDocument('c.json', parsed, { adapter: v5Info }).length > 0;
  } catch {
    return true;
  }
}
