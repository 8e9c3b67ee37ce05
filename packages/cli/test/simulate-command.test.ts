import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../src/exit-code.js';
import { runCli } from '../src/run-cli.js';
import { collectingIo } from './__test-helpers__/collecting-io.js';
import { repositoryRoot } from './__test-helpers__/run-fleetcast-process.js';

/** Runs `simulate` in-process until it printed its summary, then stops it; returns what it printed. */
async function simulateOnce(args: string[], cwd?: string): Promise<string> {
  const stop = new AbortController();
  const io = collectingIo({ signal: stop.signal, ...(cwd ? { cwd } : {}) });
  const running = runCli(['simulate', ...args], io);
  for (let attempt = 0; attempt < 800 && !/ {2}groups /.test(io.stdout.text()); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  stop.abort();
  expect(await running).toBe(ExitCode.ok);
  return io.stdout.text();
}

/** The long option names a usage text lists. */
function optionNames(usage: string): string[] {
  return [...usage.matchAll(/^\s+(?:-\w, )?(--[a-z-]+)/gm)].map((match) => match[1] as string);
}

describe('fleetcast simulate (in-process)', () => {
  it('serves until its signal fires, answering the platform API with the printed credentials', async () => {
    const stop = new AbortController();
    const io = collectingIo({ signal: stop.signal });
    const running = runCli(['simulate', '--devices', '50', '--seed', '9'], io);
    let url: string | undefined;
    for (let attempt = 0; attempt < 800 && !url; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(io.stdout.text())?.[1];
    }
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const appId = /FLEETCAST_LEGACY_APP_ID=(\S+)/.exec(io.stdout.text())?.[1] ?? '';
    const secret = /FLEETCAST_LEGACY_SECRET=(\S+)/.exec(io.stdout.text())?.[1] ?? '';
    const login = await fetch(`${url}/iocm/app/sec/v1.1.0/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ appId, secret }),
    });
    expect(login.status).toBe(200);
    expect(await login.json()).toHaveProperty('accessToken');
    stop.abort();
    expect(await running).toBe(ExitCode.ok);
    expect(io.stdout.text()).toMatch(/simulator stopped\n$/);
  });

  it('exits 2 naming --port when the port is taken', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const io = collectingIo({ signal: AbortSignal.abort() });
      expect(await runCli(['simulate', '--port', String(port), '--devices', '10'], io)).toBe(
        ExitCode.invalidInput,
      );
      expect(io.stderr.text()).toMatch(
        new RegExp(`--port: port ${port} on 127\\.0\\.0\\.1 is already in use`),
      );
    } finally {
      server.close();
    }
  });

  it("prints the fleet's device types, areas and groups, and --fleet-out writes it as a fleet file that plans", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'fleetcast-simulate-'));
    const text = await simulateOnce(
      ['--devices', '300', '--seed', '4', '--fleet-out', 'fleet.jsonl'],
      folder,
    );
    expect(text).toContain('Fleet: 300 devices');
    expect(text).toMatch(
      /device types \(deviceType, manufacturerId, model: devices, e\.g\.\):\n {4}\w+, \w+, [\w-]+: \d+, e\.g\. \S+/,
    );
    expect(text).toMatch(/ {2}areas \(location\): [\w-]+ \d+/);
    expect(text).toMatch(/ {2}groups \(groupIds \/ groupNames\): \S+ "[^"]+" \d+/);
    expect(text).toContain('written to fleet.jsonl');
    const records = readFileSync(join(folder, 'fleet.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; deviceType: string; groupNames: string[] });
    expect(records).toHaveLength(300);
    expect(new Set(records.map((record) => record.id)).size).toBe(300);
    // The summary's device counts are the file's, per product (type, manufacturer, model).
    const [, type, model, count] = /\n {4}(\w+), \w+, ([\w-]+): (\d+)/.exec(text) as RegExpExecArray;
    const ofProduct = records.filter(
      (record) => record.deviceType === type && (record as unknown as { model: string }).model === model,
    );
    expect(ofProduct).toHaveLength(Number(count));
    const ofType = records.filter((record) => record.deviceType === type).length;
    // A campaign written from the summary plans over the written file.
    writeFileSync(
      join(folder, 'c.json'),
      JSON.stringify({
        name: 'c',
        target: { type: 'DeviceType', deviceType: type },
        operation: { type: 'firmwareUpgrade', packageIds: ['p1'] },
      }),
    );
    const io = collectingIo({ cwd: folder });
    expect(
      await runCli(['plan', 'c.json', '--platform', 'v5', '--devices', 'fleet.jsonl', '--json'], io),
    ).toBe(ExitCode.ok);
    expect(JSON.parse(io.stdout.text()).summary.targetsPerTask.total).toBe(ofType);
    expect(records.some((record) => record.groupNames.length > 0)).toBe(true);
  });

  it('fleetcast simulate and fleetcast-simulator take the same simulator options', () => {
    const help = collectingIo();
    return runCli(['simulate', '--help'], help).then(() => {
      const bin = spawnSync(
        process.execPath,
        ['--import', 'tsx', fileURLToPath(new URL('../../simulator/src/bin.ts', import.meta.url)), '--help'],
        {
          cwd: repositoryRoot,
          encoding: 'utf8',
        },
      );
      expect(bin.status).toBe(0);
      const shared = ['--port', '--devices', '--seed', '--time-scale', '--device-rate', '--failure-rate'];
      for (const name of shared) {
        expect(optionNames(help.stdout.text())).toContain(name);
        expect(optionNames(bin.stdout)).toContain(name);
      }
      // The simulator's old spelling stays an alias, named as such.
      expect(bin.stdout).toContain('--rate is an alias');
    });
  });
});
