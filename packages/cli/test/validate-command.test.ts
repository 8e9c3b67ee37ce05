import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateCampaign } from '@fleetcast/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { campaignSchema } from '../src/campaign-schema.js';
import { ExitCode } from '../src/exit-code.js';
import { platformAdapterInfo } from '../src/platform-adapter.js';
import { runCli } from '../src/run-cli.js';
import { collectingIo } from './__test-helpers__/collecting-io.js';

const folder = mkdtempSync(join(tmpdir(), 'fleetcast-validate-'));
let fileCount = 0;
function campaignFile(content: unknown): string {
  const path = join(folder, `campaign-${fileCount++}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const valid = {
  name: 'reboot_meters',
  target: { type: 'DeviceList', deviceIds: ['meter-1', 'meter-2'] },
  operation: { type: 'command', serviceId: 'Maintenance', commandName: 'REBOOT' },
};

describe('fleetcast validate', () => {
  it('says a valid campaign is valid and exits 0', async () => {
    const io = collectingIo();
    const code = await runCli(['validate', campaignFile(valid), '--platform', 'legacy'], io);
    expect(code).toBe(ExitCode.ok);
    expect(io.stdout.text()).toMatch(/valid for legacy/);
  });

  it('prints every problem on its own line with path and code, and exits 2', async () => {
    const campaign = {
      name: 'bad name',
      target: { type: 'DeviceList', deviceIds: ['ok', 'dev 1', 'dev 2'] },
      operation: { type: 'command', serviceId: '', commandName: 'REBOOT' },
      policy: { timeout: 5 },
    };
    const io = collectingIo();
    const code = await runCli(['validate', campaignFile(campaign), '--platform', 'v5'], io);
    expect(code).toBe(ExitCode.invalidInput);
    const lines = io.stdout.text().trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines).toContainEqual(
      expect.stringMatching(/^target\.deviceIds\[1\]: .*"dev 1".* \[invalid_device_id\]$/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^target\.deviceIds\[2\]: .*"dev 2"/));
    expect(lines).toContainEqual(expect.stringMatching(/^policy\.timeout: .*10–2880/));
    expect(lines).toContainEqual(expect.stringMatching(/^operation\.serviceId: /));
    expect(lines).toContainEqual(expect.stringMatching(/^name: /));
  });

  it('checks operations against the chosen platform', async () => {
    const campaign = { ...valid, operation: { type: 'firmwareUpgrade', packageIds: ['p1'] } };
    const v5 = await runCli(['validate', campaignFile(campaign), '--platform', 'v5'], collectingIo());
    const legacyIo = collectingIo();
    const legacy = await runCli(['validate', campaignFile(campaign), '--platform', 'legacy'], legacyIo);
    expect(v5).toBe(ExitCode.ok);
    expect(legacy).toBe(ExitCode.invalidInput);
    expect(legacyIo.stdout.text()).toMatch(/^operation\.type: .*legacy/m);
  });

  it('accepts the editor hint "$schema" in a campaign file', async () => {
    const io = collectingIo();
    const file = campaignFile({ $schema: './campaign.schema.json', ...valid });
    expect(await runCli(['validate', file, '--platform', 'v5'], io)).toBe(ExitCode.ok);
  });

  it('prints the same issues as core, as JSON with --json, for any list of device IDs', async () => {
    const adapter = await platformAdapterInfo('v5');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ maxLength: 6 }), { minLength: 1, maxLength: 8 }),
        async (deviceIds) => {
          const campaign = { ...valid, target: { type: 'DeviceList', deviceIds } };
          const io = collectingIo();
          const code = await runCli(['validate', campaignFile(campaign), '--platform', 'v5', '--json'], io);
          const printed = JSON.parse(io.stdout.text());
          expect(printed).toEqual(
            validateCampaign(campaign, { adapter, maxIssuesPerList: Number.MAX_SAFE_INTEGER }),
          );
          expect(code).toBe(printed.length === 0 ? ExitCode.ok : ExitCode.invalidInput);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('names the file and position of malformed JSON and exits 2', async () => {
    const io = collectingIo();
    const file = campaignFile('{\n  "name": "x",\n  "target": {,\n}');
    expect(await runCli(['validate', file, '--platform', 'v5'], io)).toBe(ExitCode.invalidInput);
    expect(io.stderr.text()).toMatch(/campaign-\d+\.json: not valid JSON at line 3, column \d+/);
  });

  it('exits 2 for a missing file, an unknown platform and a missing --platform', async () => {
    const missing = collectingIo();
    expect(await runCli(['validate', join(folder, 'nope.json'), '--platform', 'v5'], missing)).toBe(2);
    expect(missing.stderr.text()).toMatch(/nope\.json: cannot read the campaign file \(no such file\)/);
    const unknown = collectingIo();
    expect(await runCli(['validate', campaignFile(valid), '--platform', 'v6'], unknown)).toBe(2);
    expect(unknown.stderr.text()).toMatch(/Allowed choices are v5, legacy/);
    expect(await runCli(['validate', campaignFile(valid)], collectingIo())).toBe(2);
  });

  it('never echoes the value of an option given by mistake, such as --secret=…', async () => {
    const io = collectingIo();
    const code = await runCli(
      ['validate', campaignFile(valid), '--platform', 'v5', '--secret=s3cr3t-value'],
      io,
    );
    expect(code).toBe(ExitCode.invalidInput);
    expect(io.stderr.text()).toMatch(/unknown option '--secret=…'/);
    expect(io.stderr.text() + io.stdout.text()).not.toContain('s3cr3t-value');
  });

  it('fleetcast schema prints the shipped campaign schema', async () => {
    const io = collectingIo();
    expect(await runCli(['schema'], io)).toBe(ExitCode.ok);
    expect(JSON.parse(io.stdout.text())).toEqual(campaignSchema);
    expect(campaignSchema.$defs).toHaveProperty('DeviceTypeTarget');
  });
});

describe('fleetcast validate with many bad entries in a list', () => {
  const listFields = [
    {
      field: 'deviceIds',
      campaign: (bad: string[]) => ({ target: { type: 'DeviceList', deviceIds: ['ok_1', ...bad] } }),
    },
    {
      field: 'exclude',
      campaign: (bad: string[]) => ({ target: { type: 'DeviceType', deviceType: 'Meter', exclude: bad } }),
    },
  ];
  it.each(listFields)(
    'summarises bad $field with a count and the first few; --all lists every one',
    async (entry) => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 300 }), async (count) => {
          const bad = Array.from({ length: count }, (_, index) => `bad id ${index}`);
          const file = campaignFile({
            name: 'c',
            operation: { type: 'firmwareUpgrade', packageIds: ['p1'] },
            ...entry.campaign(bad),
          });
          const io = collectingIo();
          expect(await runCli(['validate', file, '--platform', 'v5'], io)).toBe(ExitCode.invalidInput);
          const lines = io.stdout.text().trim().split('\n');
          const listed = lines.filter((line) => line.includes(`${entry.field}[`));
          expect(listed).toHaveLength(Math.min(count, 5));
          const summary = lines.filter((line) => line.includes('[too_many_issues]'));
          if (count > 5) {
            expect(summary).toEqual([expect.stringContaining(`${count - 5} more invalid`)]);
            expect(summary[0]).toContain('--all lists every one');
          } else expect(summary).toEqual([]);

          const all = collectingIo();
          await runCli(['validate', file, '--platform', 'v5', '--all'], all);
          expect(
            all.stdout
              .text()
              .split('\n')
              .filter((line) => line.includes(`${entry.field}[`)),
          ).toHaveLength(count);
          expect(all.stdout.text()).not.toContain('too_many_issues');
        }),
        { numRuns: 12 },
      );
    },
  );
});
