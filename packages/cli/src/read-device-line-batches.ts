import { createReadStream } from 'node:fs';
import { CliInputError } from './cli-input-error.js';

/**
 * The longest line a fleet file may hold, in bytes: 1 MiB. A device record is an ID, a few selector fields and
 * some facts, a few hundred bytes; a longer line is not a fleet file (`--devices /dev/zero`, a binary), and
 * without a cap Node's line reader would build one string until it crashed with "Invalid string length".
 */
export const maxDeviceLineBytes = 1 << 20;

/** One line of a fleet file and its 1-based number. */
export interface DeviceLine {
  readonly text: string;
  readonly number: number;
}

/**
 * The lines of a fleet file, one array per read buffer (`\n` and `\r\n` end a line; a line over
 * {@link maxDeviceLineBytes} is a {@link CliInputError} naming `file:line` and the limit): a 10 M-line file then costs one asynchronous step per
 * 64 KiB read instead of one per line, which is most of what separates reading the file from `JSON.parse`
 * alone.
 */
export async function* readDeviceLineBatches(
  path: string,
  fullPath: string,
  signal?: AbortSignal,
): AsyncGenerator<DeviceLine[]> {
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
      const lines: DeviceLine[] = [];
      let start = 0;
      for (let newline = chunk.indexOf(10, start); newline !== -1; newline = chunk.indexOf(10, start)) {
        if (pendingBytes + newline - start > maxDeviceLineBytes) {
          // The lines before the long one are still given, as a line-by-line reader would.
          if (lines.length > 0) yield lines;
          throw tooLong();
        }
        lines.push({ text: take(chunk.subarray(start, newline)), number });
        number++;
        start = newline + 1;
      }
      if (start < chunk.length) {
        pendingBytes += chunk.length - start;
        if (pendingBytes > maxDeviceLineBytes) {
          if (lines.length > 0) yield lines;
          throw tooLong();
        }
        // Copied: the stream may reuse its buffer.
        pending.push(Buffer.from(chunk.subarray(start)));
      }
      if (lines.length > 0) yield lines;
    }
    if (pendingBytes > 0) yield [{ text: take(Buffer.alloc(0)), number }];
  } finally {
    stream.destroy();
  }
}
