import type { HttpResponse, HttpSendOptions, HttpTransport } from '@fleetcast/core/adapter-kit';
import { describe, expect, it } from 'vitest';
import { createLegacyAccessToken } from './legacy-auth.js';

/** A transport whose login answers only when the test releases it, and that records each send's options. */
function heldLogin() {
  const sent: (HttpSendOptions | undefined)[] = [];
  let release: (token: string) => void = () => {};
  const transport: HttpTransport = {
    endpoint: 'https://iot.example.com',
    async send(_request, options) {
      sent.push(options);
      const token = await new Promise<string>((resolve) => {
        release = resolve;
      });
      const response: HttpResponse = {
        status: 200,
        headers: new Headers(),
        body: { accessToken: token, expiresIn: 3600, tokenType: 'bearer' },
      };
      return response;
    },
    close: async () => {},
  };
  return { transport, sent, release: (token: string) => release(token) };
}

const tokenWith = (transport: HttpTransport) =>
  createLegacyAccessToken({ transport, appId: 'myApp01', secret: 'app-secret-5c1d8e' });

describe('createLegacyAccessToken', () => {
  it('lets one caller abort a shared login without failing the others', async () => {
    const platform = heldLogin();
    const tokens = tokenWith(platform.transport);
    const quitter = new AbortController();
    const first = tokens.get(quitter.signal);
    const second = tokens.get(new AbortController().signal);
    const third = tokens.get();
    const reason = new Error('caller gave up');
    quitter.abort(reason);
    await expect(first).rejects.toBe(reason);
    platform.release('token-shared-abcdef');
    await expect(second).resolves.toBe('token-shared-abcdef');
    await expect(third).resolves.toBe('token-shared-abcdef');
    expect(platform.sent).toHaveLength(1);
    // The login itself carries no caller signal: only the transport's timeout bounds it.
    expect(platform.sent[0]?.signal).toBeUndefined();
  });

  it('keeps the token a quitting caller started, for the next caller', async () => {
    const platform = heldLogin();
    const tokens = tokenWith(platform.transport);
    const quitter = new AbortController();
    const first = tokens.get(quitter.signal);
    quitter.abort();
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    platform.release('token-kept-abcdef');
    await expect(tokens.get()).resolves.toBe('token-kept-abcdef');
    expect(platform.sent).toHaveLength(1);
  });

  it('refuses at once, without logging in, when the caller has already aborted', async () => {
    const platform = heldLogin();
    const tokens = tokenWith(platform.transport);
    await expect(tokens.get(AbortSignal.abort(new Error('too late')))).rejects.toThrow('too late');
    expect(platform.sent).toHaveLength(0);
  });
});
