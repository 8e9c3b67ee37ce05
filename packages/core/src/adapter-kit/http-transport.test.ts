import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdapterArgumentError } from '../errors/adapter-argument-error.js';
import { PlatformError } from '../errors/platform-error.js';
import { createHttpTransport } from './http-transport.js';

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

let server: Server;
let endpoint: string;
let handler: Handler = (_request, _body, response) => response.end();
const secretToken = 'tok-SECRET-7f3a9c';

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handler(request, Buffer.concat(chunks).toString('utf8'), response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('createHttpTransport', () => {
  it('refuses plain http to a remote host and credentials in the URL, naming the field', () => {
    const remote = () => createHttpTransport({ endpoint: 'http://iot.example.com:8743' });
    expect(remote).toThrow(AdapterArgumentError);
    expect(remote).toThrow(/endpoint must use https/);
    expect(() => createHttpTransport({ endpoint: 'https://user:pw@iot.example.com' })).toThrow(/credentials/);
    expect(() => createHttpTransport({ endpoint: 'not a url' })).toThrow(/absolute URL/);
    expect(() => createHttpTransport({ endpoint: 'https://iot.example.com', timeoutMs: 0 })).toThrow(
      /timeoutMs/,
    );
    expect(createHttpTransport({ endpoint: 'https://iot.example.com/' }).endpoint).toBe(
      'https://iot.example.com',
    );
    expect(createHttpTransport({ endpoint: 'http://localhost:1' }).endpoint).toBe('http://localhost:1');
  });

  it('sends JSON with auth headers and parses JSON answers, keeping one connection alive', async () => {
    const seen: { headers: IncomingMessage['headers']; body: string; socket: number }[] = [];
    const sockets = new Map<unknown, number>();
    handler = (request, body, response) => {
      if (!sockets.has(request.socket)) sockets.set(request.socket, sockets.size);
      seen.push({ headers: request.headers, body, socket: sockets.get(request.socket) ?? -1 });
      response.writeHead(201, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ task_id: 'abc', echoed: JSON.parse(body).n }));
    };
    const transport = createHttpTransport({ endpoint });
    for (const n of [1, 2]) {
      const response = await transport.send(
        { method: 'POST', path: '/tasks', headers: { 'X-Custom': 'yes' }, body: { n } },
        { authHeaders: { 'X-Auth-Token': secretToken } },
      );
      expect(response).toMatchObject({ status: 201, body: { task_id: 'abc', echoed: n } });
      // undici returns the socket to its pool just after the body ends.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await transport.close();
    expect(seen[0]?.headers['x-auth-token']).toBe(secretToken);
    expect(seen[0]?.headers['content-type']).toBe('application/json');
    expect(seen[0]?.headers['x-custom']).toBe('yes');
    expect(seen.map((entry) => entry.socket)).toEqual([0, 0]);
  });

  it('sends a 30,000-ID body intact', async () => {
    let received = '';
    handler = (_request, body, response) => {
      received = body;
      response.end('{}');
    };
    const ids = Array.from({ length: 30_000 }, (_, index) => `device_${index}`);
    const transport = createHttpTransport({ endpoint });
    await transport.send({ method: 'POST', path: '/big', headers: {}, body: { targets: ids } });
    await transport.close();
    expect((JSON.parse(received) as { targets: string[] }).targets).toEqual(ids);
  });

  it('keeps non-JSON answers as text and empty answers as undefined', async () => {
    handler = (request, _body, response) => response.end(request.url === '/text' ? 'plain words' : '');
    const transport = createHttpTransport({ endpoint });
    expect((await transport.send({ method: 'GET', path: '/text', headers: {} })).body).toBe('plain words');
    expect((await transport.send({ method: 'DELETE', path: '/empty', headers: {} })).body).toBeUndefined();
    await transport.close();
  });

  it('turns a request that outlives its timeout into a network PlatformError without secrets', async () => {
    handler = () => {
      /* never answers */
    };
    const transport = createHttpTransport({
      endpoint,
      timeoutMs: 100,
      adapter: 'test',
      secrets: () => [secretToken],
    });
    const failure = await transport
      .send(
        { method: 'GET', path: `/slow?token=${secretToken}`, headers: {} },
        { authHeaders: { t: secretToken } },
      )
      .catch((error: unknown) => error);
    await transport.close();
    expect(PlatformError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({ kind: 'network', retryable: true, adapter: 'test' });
    expect((failure as Error).message).toMatch(/timed out after 100 ms/);
    expect(JSON.stringify(failure) + (failure as Error).message).not.toContain(secretToken);
  });

  it('turns a refused connection into a network PlatformError', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const transport = createHttpTransport({ endpoint: `http://127.0.0.1:${port}` });
    await expect(transport.send({ method: 'GET', path: '/', headers: {} })).rejects.toMatchObject({
      name: 'PlatformError',
      kind: 'network',
    });
    await transport.close();
  });

  it('rethrows the caller abort instead of disguising it as a network error', async () => {
    handler = () => {};
    const transport = createHttpTransport({ endpoint });
    const controller = new AbortController();
    const pending = transport.send({ method: 'GET', path: '/', headers: {} }, { signal: controller.signal });
    controller.abort(new Error('user cancelled'));
    await expect(pending).rejects.toThrow('user cancelled');
    await transport.close();
  });

  it('uses an injected fetch, passing method, headers and body', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const transport = createHttpTransport({
      endpoint: 'https://platform.invalid',
      fetch: async (url, init) => {
        calls.push({ url: String(url), init: init ?? {} });
        return new Response('{"ok":true}', { status: 200 });
      },
    });
    const response = await transport.send({ method: 'POST', path: '/x', headers: {}, body: 'a=1' });
    expect(response.body).toEqual({ ok: true });
    expect(calls[0]).toMatchObject({
      url: 'https://platform.invalid/x',
      init: { method: 'POST', body: 'a=1' },
    });
  });
});
