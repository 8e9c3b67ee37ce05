import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDeviceLineBatches } from '../src/read-device-line-batches.js';
import { readDeviceLines } from './__test-helpers__/read-device-lines.js';

const folder = mkdtempSync(join(tmpdir(), 'fleetcast-line-batches-'));
let fileCount = 0;

async function outcome<T>(lines: AsyncIterable<T>, flatten: (item: T) => readonly unknown[]) {
  const seen: unknown[] = [];
  try {
    for await (const item of lines) seen.push(...flatten(item));
    return { seen };
  } catch (error) {
    return { seen, error: (error as Error).message };
  }
}

// Lines long enough to cross 64 KiB read buffers, with multi-byte characters, CRLF, blank and unterminated lines.
const lineArb = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer({ min: 1, max: 30_000 }).map((length) => 'é'.repeat(length)),
  fc.constantFrom('', '\r', '{"id":"a"}\r'),
);

describe('readDeviceLineBatches', () => {
  it('gives exactly the lines, numbers and errors of readDeviceLines, in batches', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(lineArb, { maxLength: 30 }), fc.boolean(), async (lines, finalNewline) => {
        const path = join(folder, `${fileCount++}.jsonl`);
        writeFileSync(path, lines.join('\n') + (finalNewline ? '\n' : ''));
        const oneByOne = await outcome(readDeviceLines(path, path), (line) => [line]);
        const batched = await outcome(readDeviceLineBatches(path, path), (batch) => batch);
        expect(batched).toEqual(oneByOne);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses a line over 1 MiB after giving the lines before it', async () => {
    const path = join(folder, `${fileCount++}.jsonl`);
    writeFileSync(path, `{"id":"a"}\n${'y'.repeat((1 << 20) + 1)}\n`);
    const batched = await outcome(readDeviceLineBatches(path, path), (batch) => batch);
    expect(batched.seen).toEqual([{ text: '{"id":"a"}', number: 1 }]);
    expect(batched.error).toContain(`${path}:2: the line is longer than 1,048,576 bytes`);
  });
});
