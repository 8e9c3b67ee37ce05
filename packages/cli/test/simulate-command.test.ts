import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../src/exit-code.js';
import { runCli } from '../src/run-cli.js';
import { collectingIo } from './__test-helpers__/collecting-io.js';

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
});
