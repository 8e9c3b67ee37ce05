import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A job on the in-memory Acme platform. */
interface Job {
  id: string;
  name: string;
  state: string;
  total: number;
  ok: number;
  failed: number;
}

/**
 * The imaginary Acme Fleet API on 127.0.0.1, for the example's conformance run: jobs, lookup by name,
 * an API key, and a one-shot fault for the next create.
 */
export async function startAcmePlatform(apiKey: string) {
  const jobs = new Map<string, Job>();
  let nextFault: { status: number; code: string } | undefined;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const reply = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      // Like many real APIs, Acme echoes the credential it was sent: the adapter must redact it.
      const sent = request.headers.authorization ?? 'no credential';
      const fail = (status: number, code: string) =>
        reply(status, { code, message: `${code.toLowerCase()} (request sent ${sent})` });
      if (request.headers.authorization !== `Bearer ${apiKey}`) return fail(401, 'ACME_AUTH');
      const url = new URL(request.url ?? '/', 'http://acme');
      if (request.method === 'POST' && url.pathname === '/api/jobs') {
        if (nextFault) {
          const fault = nextFault;
          nextFault = undefined;
          return fail(fault.status, fault.code);
        }
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          name: string;
          deviceIds: string[];
        };
        if (!Array.isArray(body.deviceIds) || body.deviceIds.length > 1000) return fail(400, 'ACME_INVALID');
        if ([...jobs.values()].some((job) => job.name === body.name)) return fail(409, 'ACME_DUPLICATE');
        const job: Job = {
          id: `job${jobs.size + 1}`,
          name: body.name,
          state: 'queued',
          total: body.deviceIds.length,
          ok: 0,
          failed: 0,
        };
        jobs.set(job.id, job);
        return reply(201, job);
      }
      if (request.method === 'GET' && url.pathname === '/api/jobs') {
        return reply(200, {
          jobs: [...jobs.values()].filter((job) => job.name === url.searchParams.get('name')),
        });
      }
      const job = jobs.get(decodeURIComponent(url.pathname.replace('/api/jobs/', '')));
      return job ? reply(200, job) : fail(404, 'ACME_NOT_FOUND');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    failNextCreate(status: number, code: string) {
      nextFault = { status, code };
    },
    finish(jobId: string, ok: number) {
      const job = jobs.get(jobId);
      if (!job) throw new Error(`no job ${jobId}`);
      Object.assign(job, {
        ok,
        failed: job.total - ok,
        state: ok === job.total ? 'done' : ok === 0 ? 'failed' : 'partial',
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
