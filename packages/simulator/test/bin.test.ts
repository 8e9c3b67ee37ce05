import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../src/bin.ts', import.meta.url));

describe('fleetcast-simulator bin', () => {
  it('prints its URL and credentials, and serves them', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', bin, '--devices', '50', '--seed', '3', '--json'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      let out = '';
      while (!out.includes('\n')) {
        const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
        out += chunk.toString();
      }
      const { url, credentials } = JSON.parse(out.split('\n')[0] as string) as {
        url: string;
        credentials: { legacy: { appId: string; secret: string } };
      };
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const login = await fetch(`${url}/iocm/app/sec/v1.1.0/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(credentials.legacy),
      });
      expect(login.status).toBe(200);
      const state = (await (await fetch(`${url}/__fleetcast__/state`)).json()) as { fleet: { size: number } };
      expect(state.fleet.size).toBe(50);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('listens on the --port given and prints URL and credentials as text', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', bin, '--port', String(port), '--devices', '20', '--seed', '3'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      let out = '';
      while (!out.includes('admin ')) {
        const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
        out += chunk.toString();
      }
      expect(out).toContain(`listening on http://127.0.0.1:${port} (20 devices)`);
      const appId = /appId=(\S+) secret=/.exec(out)?.[1];
      const secret = /secret=(\S+)/.exec(out)?.[1];
      const token = /X-Auth-Token=(\S+)/.exec(out)?.[1];
      const projectId = /projectId=(\S+)/.exec(out)?.[1];
      expect([appId, secret, token, projectId].every((value) => value !== undefined)).toBe(true);
      const login = await fetch(`http://127.0.0.1:${port}/iocm/app/sec/v1.1.0/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ appId: appId as string, secret: secret as string }),
      });
      expect(login.status).toBe(200);
      const list = await fetch(
        `http://127.0.0.1:${port}/v5/iot/${projectId}/batchtasks?task_type=firmwareUpgrade`,
        { headers: { 'X-Auth-Token': token as string } },
      );
      expect(list.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('rejects a non-numeric option', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', bin, '--devices', 'many'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(1);
    expect(err).toContain('--devices');
  });
});
