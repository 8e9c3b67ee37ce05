import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../src/exit-code.js';
import { runCli } from '../src/run-cli.js';
import { collectingIo } from './__test-helpers__/collecting-io.js';

const folder = mkdtempSync(join(tmpdir(), 'fleetcast-refused-'));

/** A 127.0.0.1 port nothing listens on (bound, read, closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const env = {
  FLEETCAST_V5_PROJECT_ID: 'p1',
  FLEETCAST_V5_TOKEN: 'tok-0123456789abcdef',
  FLEETCAST_LEGACY_APP_ID: 'app1',
  FLEETCAST_LEGACY_SECRET: 'secret-0123456789abcdef',
};

describe('connection refused on the first call of a run', () => {
  it.each([
    ['v5', { type: 'DeviceList', deviceIds: ['d1', 'd2', 'd3'] }],
    ['legacy', { type: 'DeviceList', deviceIds: ['d1', 'd2', 'd3'] }],
    ['v5', { type: 'DeviceType', deviceType: 'WaterMeter' }],
  ])(
    '%s (%o): reported at once with the URL, status failed, not "unknown" after retries',
    async (platform, target) => {
      const url = `http://127.0.0.1:${await closedPort()}`;
      const campaignFile = join(folder, `c-${platform}-${target.type}.json`);
      writeFileSync(
        campaignFile,
        JSON.stringify({
          name: 'refused',
          target,
          operation: { type: 'command', serviceId: 'svc', commandName: 'reboot', paras: {} },
        }),
      );
      const io = collectingIo({ env, cwd: folder });
      const code = await runCli(
        [
          'run',
          campaignFile,
          '--platform',
          platform,
          '--endpoint',
          url,
          '--json',
          '--progress',
          'none',
          '--journal',
          join(folder, `refused-${platform}-${target.type}.jsonl`),
        ],
        io,
      );
      expect(code).toBe(ExitCode.failures);
      const report = JSON.parse(io.stdout.text());
      expect(report.status).toBe('failed');
      expect(report.failure.message).toContain(`cannot connect to ${url} (connection refused)`);
      expect(report.tasks.every((task: { created: unknown }) => task.created !== 'unknown')).toBe(true);
      // At once: no back-off series (six attempts would take tens of seconds): nothing was retried, and the
      // run made at most one request of each kind it needed (legacy counts its login as well).
      expect(report.retries).toBe(0);
      expect(report.apiCalls.total).toBeLessThanOrEqual(2);
      expect(io.stderr.text()).toContain(`cannot connect to ${url} (connection refused)`);
      expect(io.stderr.text()).toMatch(/fleetcast resume --journal/);
    },
  );
});
