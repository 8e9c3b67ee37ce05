import type { IncomingMessage } from 'node:http';

/** The outcome of reading a request body under a size limit. */
export type BodyReadResult = { ok: true; body: Buffer } | { ok: false; reason: 'too-large' | 'aborted' };

/**
 * Reads a request body into one buffer, stopping at `maxBytes`. Bodies of 30,000 device IDs are
 * about 1–4 MB, so collecting chunks and concatenating once is the fast path.
 */
export function readBody(request: IncomingMessage, maxBytes: number): Promise<BodyReadResult> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    request.resume();
    return Promise.resolve({ ok: false, reason: 'too-large' });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    request.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > maxBytes) {
        done = true;
        chunks.length = 0;
        resolve({ ok: false, reason: 'too-large' });
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!done) {
        done = true;
        resolve({
          ok: true,
          body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size),
        });
      }
    });
    const abort = () => {
      if (!done) {
        done = true;
        resolve({ ok: false, reason: 'aborted' });
      }
    };
    request.on('error', abort);
    request.on('aborted', abort);
  });
}
