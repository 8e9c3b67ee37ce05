import { AdapterArgumentError } from '@fleetcast/core';
import { describe, expect, it } from 'vitest';
import { createLegacyAdapter } from './legacy-adapter.js';

const secret = 'legacy-secret-7d1c';

describe('the legacy endpoint setting', () => {
  it('is called `endpoint`, as in the v5 adapter, and a bad one is reported under that name', () => {
    let thrown: unknown;
    try {
      createLegacyAdapter({ endpoint: 'http://iot.example.com:8743', appId: 'a', secret });
    } catch (error) {
      thrown = error;
    }
    expect(AdapterArgumentError.isInstance(thrown)).toBe(true);
    expect((thrown as AdapterArgumentError).field).toBe('endpoint');
    expect((thrown as Error).message).toMatch(/^endpoint must use https/);
  });

  it('still accepts the deprecated alias `baseUrl`, with the same checks', async () => {
    const requested: string[] = [];
    const fetch: typeof globalThis.fetch = async (url) => {
      requested.push(String(url));
      return new Response(JSON.stringify({ accessToken: 'token-1', expiresIn: 3600 }), { status: 200 });
    };
    const adapter = createLegacyAdapter({
      baseUrl: 'https://iot.example.com:8743/',
      appId: 'a',
      secret,
      fetch,
    });
    await adapter.doGetTask({ taskId: 't1' }).catch(() => undefined);
    expect(requested[0]).toBe('https://iot.example.com:8743/iocm/app/sec/v1.1.0/login');
    expect(() => createLegacyAdapter({ baseUrl: 'not a url', appId: 'a', secret })).toThrow(/^endpoint /);
  });
});
