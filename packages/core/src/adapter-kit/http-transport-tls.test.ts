import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpTransport } from './http-transport.js';

// Two-way TLS as the legacy platform uses it: a private CA signs both the server and the client certificate.
let dir: string;
let server: Server;
let endpoint: string;
const pem = { ca: '', serverCert: '', serverKey: '', clientCert: '', clientKey: '' };

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
}

function issue(name: string, subject: string, extensions?: string): void {
  openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-subj',
    subject,
    '-out',
    `${name}.csr`,
  );
  const extra = extensions ? ['-extfile', `${name}.ext`] : [];
  if (extensions) writeFileSync(join(dir, `${name}.ext`), extensions);
  openssl(
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '2',
    '-out',
    `${name}.crt`,
    ...extra,
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fleetcast-tls-'));
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-subj',
    '/CN=test-ca',
    '-days',
    '2',
    '-out',
    'ca.crt',
  );
  issue('server', '/CN=127.0.0.1', 'subjectAltName=IP:127.0.0.1\n');
  issue('client', '/CN=fleetcast-app');
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  Object.assign(pem, {
    ca: read('ca.crt'),
    serverCert: read('server.crt'),
    serverKey: read('server.key'),
    clientCert: read('client.crt'),
    clientKey: read('client.key'),
  });
  server = createServer(
    { ca: pem.ca, cert: pem.serverCert, key: pem.serverKey, requestCert: true, rejectUnauthorized: true },
    (request, response) => {
      const peer = (request.socket as TLSSocket).getPeerCertificate();
      response.end(JSON.stringify({ client: peer.subject?.CN }));
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 30_000);

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('createHttpTransport with TLS options', () => {
  it('presents the client certificate and trusts the given CA', async () => {
    const transport = createHttpTransport({
      endpoint,
      tls: { ca: pem.ca, cert: pem.clientCert, key: pem.clientKey },
    });
    const response = await transport.send({ method: 'GET', path: '/', headers: {} });
    await transport.close();
    expect(response.body).toEqual({ client: 'fleetcast-app' });
  });

  it('fails as a network error without the client certificate, and never leaks the key', async () => {
    const transport = createHttpTransport({ endpoint, tls: { ca: pem.ca } });
    const failure = await transport
      .send({ method: 'GET', path: '/', headers: {} })
      .catch((error: unknown) => error);
    await transport.close();
    expect(failure).toMatchObject({ name: 'PlatformError', kind: 'network' });
    const untrusted = createHttpTransport({ endpoint, tls: { cert: pem.clientCert, key: pem.clientKey } });
    const failure2 = await untrusted
      .send({ method: 'GET', path: '/', headers: {} })
      .catch((error: unknown) => error);
    await untrusted.close();
    expect(failure2).toMatchObject({ kind: 'network' });
    expect(String((failure2 as Error).message)).not.toContain('PRIVATE KEY');
  });
});
