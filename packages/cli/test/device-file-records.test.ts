import { closeSync, existsSync, mkdtempSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isValidDeviceId } from '@fleetcast/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDeviceFile } from '../src/device-file-directory.js';
import { ExitCode } from '../src/exit-code.js';
import { maxDeviceLineBytes } from '../src/read-device-line-batches.js';
import { runCli } from '../src/run-cli.js';
import { collectingIo } from './__test-helpers__/collecting-io.js';

const folder = mkdtempSync(join(tmpdir(), 'fleetcast-device-records-'));
let fileCount = 0;
function writeFile(name: string, content: string): string {
  const path = join(folder, `${fileCount++}-${name}`);
  writeFileSync(path, content);
  return path;
}

const campaign = JSON.stringify({
  name: 'upgrade',
  target: { type: 'DeviceType', deviceType: 'Meter' },
  operation: { type: 'firmwareUpgrade', packageIds: ['p1'] },
});

// IDs from a small pool (repeats are common) and IDs the platforms refuse; `map`/`constantFrom` shrink.
const validId = fc.integer({ min: 0, max: 30 }).map((n) => `dev-${n}`);
const invalidId = fc.constantFrom('bad id!', '', 'x'.repeat(200), 'dév-1', 'a.b');
const fleetIds = fc.array(fc.oneof({ weight: 5, arbitrary: validId }, { weight: 1, arbitrary: invalidId }), {
  minLength: 1,
  maxLength: 60,
});

function fleetOf(ids: readonly string[]): string {
  return writeFile('fleet.jsonl', ids.map((id) => JSON.stringify({ id, deviceType: 'Meter' })).join('\n'));
}

async function plan(fleet: string, ...extra: string[]) {
  const io = collectingIo();
  const args = [
    'plan',
    writeFile('c.json', campaign),
    '--platform',
    'v5',
    '--devices',
    fleet,
    '--json',
    ...extra,
  ];
  const code = await runCli(args, io);
  return { code, io };
}

describe('device records from a fleet file', () => {
  it('stops plan at an invalid ID naming file:line and the DeviceList rule, or leaves them out with --skip-invalid-devices', async () => {
    await fc.assert(
      fc.asyncProperty(fleetIds, async (ids) => {
        const fleet = fleetOf(ids);
        const firstBad = ids.findIndex((id) => !isValidDeviceId(id));
        const valid = [...new Set(ids.filter((id) => isValidDeviceId(id)))];
        const strict = await plan(fleet);
        if (firstBad >= 0) {
          expect(strict.code).toBe(ExitCode.invalidInput);
          expect(strict.io.stdout.text()).toBe('');
          expect(strict.io.stderr.text()).toContain(
            `${fleet}:${firstBad + 1}: ${JSON.stringify(ids[firstBad]!.slice(0, 40) + (ids[firstBad]!.length > 40 ? '…' : ''))} is not a valid device ID (letters, digits, _ and -, at most 128 characters)`,
          );
          expect(strict.io.stderr.text()).toContain('--skip-invalid-devices');
        }
        const skipping = await plan(fleet, '--skip-invalid-devices');
        if (valid.length === 0) {
          expect(skipping.code).toBe(ExitCode.invalidInput);
          return;
        }
        expect(skipping.code).toBe(ExitCode.ok);
        const printed = JSON.parse(skipping.io.stdout.text());
        const planned: string[] = printed.tasks.flatMap((task: { deviceIds: string[] }) => task.deviceIds);
        // Each valid device once, in file order; repeats and invalid IDs counted as refused.
        expect(planned).toEqual(valid);
        const invalidCount = ids.filter((id) => !isValidDeviceId(id)).length;
        expect(printed.summary.refused.invalid).toBe(invalidCount);
        expect(printed.summary.refused.duplicates).toBe(ids.length - invalidCount - valid.length);
        if (invalidCount > 0)
          expect(skipping.io.stderr.text()).toMatch(/leaving out \d+ device record\(s\) with an invalid ID/);
      }),
      { numRuns: 60 },
    );
  });

  it('puts a device repeated past the 30,000-ID chunk boundary in one task only, and says so', async () => {
    const ids = Array.from({ length: 30_000 }, (_, index) => `dev-${index}`);
    ids.push('dev-0');
    const { code, io } = await plan(fleetOf(ids));
    expect(code).toBe(ExitCode.ok);
    const printed = JSON.parse(io.stdout.text());
    expect(printed.tasks).toHaveLength(1);
    expect(printed.tasks[0].deviceIds).toHaveLength(30_000);
    expect(printed.summary.refused.duplicates).toBe(1);
    const readable = collectingIo();
    const args = ['plan', writeFile('c.json', campaign), '--platform', 'v5', '--devices', fleetOf(ids)];
    expect(await runCli(args, readable)).toBe(ExitCode.ok);
    expect(readable.stdout.text()).toContain('refused devices:  1 repeated ID(s) dropped (the first kept)');
  });

  it('refuses a line over 1 MiB naming file:line and the limit, without reading it whole', async () => {
    const long = `{"id":"a","deviceType":"Meter"}\n{"id":"b","facts":{"x":"${'y'.repeat(maxDeviceLineBytes)}"}}\n`;
    const fleet = writeFile('long.jsonl', long);
    await expect(openDeviceFile(fleet, folder)).rejects.toThrow(
      new RegExp(
        `${fleet.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: the line is longer than 1,048,576 bytes`,
      ),
    );
    // A line just under the cap is read (then judged as a record).
    const under = writeFile(
      'under.jsonl',
      `{"id":"a","deviceType":"Meter","facts":{"x":"${'y'.repeat(1000)}"}}\r\n`,
    );
    expect((await openDeviceFile(under, folder)).size).toBe(1);
  });

  it('refuses --devices /dev/zero with exit 2 and the limit, not a crash', async () => {
    if (!existsSync('/dev/zero')) throw new Error('this test needs /dev/zero');
    const { code, io } = await plan('/dev/zero');
    expect(code).toBe(ExitCode.invalidInput);
    expect(io.stderr.text()).toMatch(/\/dev\/zero:1: the line is longer than 1,048,576 bytes \(1 MiB\)/);
  });

  it('streams a file of many lines split across read buffers exactly (CRLF, blank lines, no final newline)', async () => {
    const path = join(folder, 'many.jsonl');
    const handle = openSync(path, 'w');
    const count = 20_000;
    for (let index = 0; index < count; index++)
      writeSync(
        handle,
        `${JSON.stringify({ id: `m-${index}`, deviceType: 'Meter' })}${index % 7 === 0 ? '\r\n\n' : '\n'}`,
      );
    writeSync(handle, '{"id":"last","deviceType":"Meter"}');
    closeSync(handle);
    const directory = await openDeviceFile(path, folder);
    expect(directory.size).toBe(count + 1);
  });
});
