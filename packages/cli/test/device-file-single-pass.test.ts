import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDeviceFile } from '../src/device-file-directory.js';

const folder = mkdtempSync(join(tmpdir(), 'fleetcast-single-pass-'));
let fileCount = 0;

/** Lines: valid records, records with an invalid ID, a record with a wrong field type, non-JSON, blanks. */
const lineArb = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .integer({ min: 0, max: 40 })
      .map((n) => JSON.stringify({ id: `d-${n}`, deviceType: n % 2 ? 'A' : 'B' })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('bad id!', 'é', 'a.b').map((id) => JSON.stringify({ id, deviceType: 'A' })),
  },
  { weight: 1, arbitrary: fc.constantFrom('{"id":"x","deviceType":3}', 'not json', '[1]', '', '   ') },
);

async function readAll(directory: Awaited<ReturnType<typeof openDeviceFile>>) {
  const ids: string[] = [];
  for await (const batch of directory.devices({ type: 'DeviceType', deviceType: 'A' }, { batchSize: 7 })) {
    for (const record of batch) ids.push(record.id);
  }
  return ids;
}

async function outcome(path: string, checkFirst: boolean, skipInvalidDevices: boolean) {
  try {
    const directory = await openDeviceFile(path, folder, { checkFirst, skipInvalidDevices });
    const ids = await readAll(directory);
    return { ids, size: directory.size, invalid: directory.invalid };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe('a fleet file read once (checkFirst: false), as plan reads it', () => {
  it('gives the same records, counts and errors as checking every line first', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(lineArb, { maxLength: 40 }),
        fc.boolean(),
        async (lines, skipInvalidDevices) => {
          const path = join(folder, `${fileCount++}.jsonl`);
          writeFileSync(path, lines.join('\n'));
          const checked = await outcome(path, true, skipInvalidDevices);
          const streamed = await outcome(path, false, skipInvalidDevices);
          expect(streamed).toEqual(checked);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('checks a file no query has read when asked (a plan whose targets did not need it)', async () => {
    const path = join(folder, `${fileCount++}.jsonl`);
    writeFileSync(
      path,
      `${JSON.stringify({ id: 'ok', deviceType: 'A' })}\n${JSON.stringify({ id: 'bad id!' })}\n`,
    );
    const directory = await openDeviceFile(path, folder, { checkFirst: false });
    await expect(directory.checkUnread()).rejects.toThrow(`${path}:2: "bad id!" is not a valid device ID`);
  });
});
