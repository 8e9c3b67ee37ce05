import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../src/exit-code.js';
import { runCli } from '../src/run-cli.js';
import { collectingIo } from './__test-helpers__/collecting-io.js';

const folder = mkdtempSync(join(tmpdir(), 'fleetcast-plan-'));
let fileCount = 0;
function writeFile(name: string, content: string): string {
  const path = join(folder, `${fileCount++}-${name}`);
  writeFileSync(path, content);
  return path;
}

interface FleetDevice {
  id: string;
  deviceType: string;
  location: string;
}

function fleetFile(devices: readonly FleetDevice[]): string {
  return writeFile('fleet.jsonl', devices.map((device) => JSON.stringify(device)).join('\n'));
}

const types = ['Meter', 'Valve', 'Gateway'] as const;

describe('fleetcast plan', () => {
  it('expands a device type from a fleet file into tasks that cover exactly the matching devices (--json)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...types), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 25 }),
        fc.constantFrom(...types),
        async (deviceTypes, excludedEvery, chosenType) => {
          const devices = deviceTypes.map((deviceType, index) => ({
            id: `dev-${index}`,
            deviceType,
            location: 'x',
          }));
          const exclude = devices
            .filter((_, index) => index % excludedEvery === 0)
            .map((device) => device.id);
          const campaign = {
            name: 'upgrade',
            target: { type: 'DeviceType', deviceType: chosenType, exclude },
            operation: { type: 'firmwareUpgrade', packageIds: ['p1'] },
          };
          const expected = devices
            .filter((device) => device.deviceType === chosenType && !exclude.includes(device.id))
            .map((device) => device.id);
          const io = collectingIo();
          const code = await runCli(
            [
              'plan',
              writeFile('c.json', JSON.stringify(campaign)),
              '--platform',
              'v5',
              '--devices',
              fleetFile(devices),
              '--json',
            ],
            io,
          );
          if (expected.length === 0) {
            expect(code).toBe(ExitCode.invalidInput);
            expect(io.stderr.text()).toMatch(/no device remains/);
            return;
          }
          expect(code).toBe(ExitCode.ok);
          const printed = JSON.parse(io.stdout.text());
          const planned = printed.tasks.flatMap((task: { deviceIds: string[] }) => task.deviceIds);
          expect(planned).toEqual(expected);
          expect(printed.summary.tasks).toBe(printed.tasks.length);
          expect(printed.summary.targetsPerTask.total).toBe(expected.length);
          expect(printed.summary.minimumDurationMs).toBeGreaterThan(0);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('splits 65,000 devices into 30,000-ID tasks and prints a readable summary', async () => {
    const devices = Array.from({ length: 65_000 }, (_, index) => ({
      id: `meter-${index}`,
      deviceType: 'Meter',
      location: 'north',
    }));
    const campaign = {
      name: 'meter_fw',
      target: { type: 'DeviceType', deviceType: 'Meter' },
      operation: { type: 'firmwareUpgrade', packageIds: ['p1'] },
    };
    const io = collectingIo();
    const code = await runCli(
      [
        'plan',
        writeFile('c.json', JSON.stringify(campaign)),
        '--platform',
        'v5',
        '--devices',
        fleetFile(devices),
      ],
      io,
    );
    expect(code).toBe(ExitCode.ok);
    const text = io.stdout.text();
    expect(text).toMatch(/tasks: +3 \(3 explicit, 0 native\)/);
    expect(text).toMatch(/create calls: +3/);
    expect(text).toMatch(/targets per task: 5,000–30,000 \(65,000 devices/);
    expect(text).toMatch(/#1 meter_fw_part1: explicit 30,000 devices/);
    expect(text).toMatch(/#3 meter_fw_part3: explicit 5,000 devices/);
    expect(text).toMatch(/minimum duration: /);
  });

  it('plans a natively selected target as one native task without any device file', async () => {
    const campaign = {
      name: 'reboot_north',
      target: { type: 'DeviceArea', location: 'north' },
      operation: { type: 'command', serviceId: 'Maintenance', commandName: 'REBOOT' },
    };
    const io = collectingIo();
    const code = await runCli(
      ['plan', writeFile('c.json', JSON.stringify(campaign)), '--platform', 'legacy', '--json'],
      io,
    );
    expect(code).toBe(ExitCode.ok);
    const printed = JSON.parse(io.stdout.text());
    expect(printed.tasks).toEqual([
      { kind: 'native', name: 'reboot_north', index: 0, target: { type: 'DeviceArea', location: 'north' } },
    ]);
    expect(printed.summary).toMatchObject({ tasks: 1, nativeTasks: 1, explicitTasks: 0, createCalls: 1 });
  });

  it('says why a native selector was expanded: waves on legacy DeviceArea (text and --json notes)', async () => {
    const devices = Array.from({ length: 50 }, (_, index) => ({
      id: `d${index}`,
      deviceType: 'Meter',
      location: index % 2 === 0 ? 'north' : 'south',
    }));
    const campaign = {
      name: 'reboot_north',
      target: { type: 'DeviceArea', location: 'north' },
      operation: { type: 'command', serviceId: 'Maintenance', commandName: 'REBOOT' },
      rollout: { waves: [{ percent: 10 }, { percent: 100 }] },
    };
    const file = writeFile('c.json', JSON.stringify(campaign));
    const fleet = fleetFile(devices);
    const text = collectingIo();
    expect(await runCli(['plan', file, '--platform', 'legacy', '--devices', fleet], text)).toBe(ExitCode.ok);
    expect(text.stdout.text()).toMatch(
      /note: target: DeviceArea is selected natively by the platform, but no platform takes a percentage/,
    );
    const json = collectingIo();
    expect(await runCli(['plan', file, '--platform', 'legacy', '--devices', fleet, '--json'], json)).toBe(
      ExitCode.ok,
    );
    const printed = JSON.parse(json.stdout.text());
    expect(printed.summary.notes.map((note: { code: string }) => note.code)).toEqual([
      'expanded_for_rollout',
    ]);
    expect(printed.tasks.every((task: { kind: string }) => task.kind === 'explicit')).toBe(true);
    // Without waves the same target stays native, with no note.
    const plain = collectingIo();
    const nativeFile = writeFile('c.json', JSON.stringify({ ...campaign, rollout: undefined }));
    expect(await runCli(['plan', nativeFile, '--platform', 'legacy', '--json'], plain)).toBe(ExitCode.ok);
    expect(JSON.parse(plain.stdout.text()).summary.notes).toEqual([]);
  });

  it('uses the minimum-duration limits it is given', async () => {
    const devices = Array.from({ length: 40 }, (_, index) => ({
      id: `d${index}`,
      deviceType: 'Meter',
      location: 'n',
    }));
    const campaign = {
      name: 'c',
      target: { type: 'DeviceList', deviceIds: devices.map((device) => device.id) },
      operation: { type: 'command', serviceId: 's', commandName: 'c' },
    };
    const file = writeFile('c.json', JSON.stringify(campaign));
    const io = collectingIo();
    await runCli(
      ['plan', file, '--platform', 'legacy', '--json', '--max-unfinished', '1', '--task-minutes', '7'],
      io,
    );
    const printed = JSON.parse(io.stdout.text());
    expect(printed.summary.minimumDurationMs).toBe(7 * 60_000);
    expect(printed.summary.assumptions).toEqual({
      rateLimitPerMinute: 100,
      maxUnfinishedTasks: 1,
      maxUnfinishedTasksKnown: true,
      taskDurationMinutes: 7,
    });
  });

  it('says that an expanded target needs --devices or --endpoint, and exits 2', async () => {
    const campaign = {
      name: 'c',
      target: { type: 'DeviceType', deviceType: 'Meter' },
      operation: { type: 'firmwareUpgrade', packageIds: ['p1'] },
    };
    const io = collectingIo();
    expect(
      await runCli(['plan', writeFile('c.json', JSON.stringify(campaign)), '--platform', 'v5'], io),
    ).toBe(2);
    expect(io.stderr.text()).toContain('--devices <fleet file> or --endpoint <url>');
  });

  it('refuses a fleet file line without an id, naming file and line', async () => {
    const campaign = {
      name: 'c',
      target: { type: 'DeviceType', deviceType: 'Meter' },
      operation: { type: 'firmwareUpgrade', packageIds: ['p1'] },
    };
    const fleet = writeFile('fleet.jsonl', '{"id":"a","deviceType":"Meter"}\n\n{"deviceType":"Meter"}\n');
    const io = collectingIo();
    const code = await runCli(
      ['plan', writeFile('c.json', JSON.stringify(campaign)), '--platform', 'v5', '--devices', fleet],
      io,
    );
    expect(code).toBe(ExitCode.invalidInput);
    expect(io.stderr.text()).toMatch(/fleet\.jsonl:3: `id` must be a non-empty string/);
  });

  it('plans the shipped Rules example over a fleet file, selecting by device type and firmware fact', async () => {
    const devices = Array.from({ length: 300 }, (_, index) => ({
      id: `m-${index}`,
      deviceType: index % 2 === 0 ? 'SmartMeter' : 'Valve',
      facts: { firmwareVersion: index % 3 === 0 ? '2.5.0' : '2.3.0' },
    }));
    const fleet = writeFile('fleet.jsonl', devices.map((device) => JSON.stringify(device)).join('\n'));
    const example = fileURLToPath(new URL('./fixtures/rules-campaign.json', import.meta.url));
    const io = collectingIo();
    expect(await runCli(['plan', example, '--platform', 'v5', '--devices', fleet, '--json'], io)).toBe(
      ExitCode.ok,
    );
    const planned = JSON.parse(io.stdout.text()).tasks.flatMap(
      (task: { deviceIds: string[] }) => task.deviceIds,
    );
    const expected = devices
      .filter((device) => device.deviceType === 'SmartMeter' && device.facts.firmwareVersion === '2.3.0')
      .map((device) => device.id);
    expect(planned).toEqual(expected);
  });
});
