import { spawn } from 'node:child_process';
import { once } from 'node:events';
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
