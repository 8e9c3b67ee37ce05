import { createReadStream } from 'node:fs';
import { CliInputError } from '../../src/cli-input-error.js';
import { type DeviceLine, maxDeviceLineBytes } from '../../src/read-device-line-batches.js';

/**
 * The test oracle for `readDeviceLineBatches`: the same contract read one line at a time, written
 * independently of the batching.
 */
export async function* readDeviceLines(
  path: string,
  fullPath: string,
  signal?: AbortSignal,
): AsyncGenerator<DeviceLine> {
  const stream = createReadStream(fullPath, signal ? { signal } : {});
  const pending: Buffer[] = [];
  let pendingBytes = 0;
  let number = 1;
  const tooLong = () =>
    new CliInputError(
      `${path}:${number}`,
      `the line is longer than ${maxDeviceLineBytes.toLocaleString('en-US')} bytes (1 MiB), the limit for one ` +
        'device record; a fleet file holds one JSON device record per line',
    );
  const take = (last: Buffer): string => {
    const bytes = pending.length === 0 ? last : Buffer.concat([...pending, last]);
    pending.length = 0;
    pendingBytes = 0;
    const end = bytes.length > 0 && bytes[bytes.length - 1] === 13 ? bytes.length - 1 : bytes.length;
    return bytes.toString('utf8', 0, end);
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let start = 0;
      for (let newline = chunk.indexOf(10, start); newline !== -1; newline = chunk.indexOf(10, start)) {
        if (pendingBytes + newline - start > maxDeviceLineBytes) throw tooLong();
        yield { text: take(chunk.subarray(start, newline)), number };
        number++;
        start = newline + 1;
      }
      if (start < chunk.length) {
        pendingBytes += chunk.length - start;
        if (pendingBytes > maxDeviceLineBytes) throw tooLong();
        // Copied: the stream may reuse its buffer.
        pending.push(Buffer.from(chunk.subarray(start)));
      }
    }
    if (pendingBytes > 0) yield { text: take(Buffer.alloc(0)), number };
  } finally {
    stream.destroy();
  }
}
