import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDeviceFile } from '../src/device-file-directory.js';
import { CliInputError } from '../src/cli-input-error.js';

const folder = mkdtempSync(join(tmpdir(), 'fleetcast-bad-lines-'));
let fileCount = 0;
function writeFile(content: string): string {
  const path = `${fileCount++}-fleet.jsonl`;
  writeFileSync(join(folder, path), content);
  return path;
}

async function openError(content: string): Promise<CliInputError> {
  const error = await openDeviceFile(writeFile(content), folder).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(CliInputError);
  return error as CliInputError;
}

/** Lines that are no device record: broken JSON of several kinds, JSON that is not an object, wrong field types. */
const badLine = fc.constantFrom(
  '{"id":"a",}',
  '{"id":"a"',
  '{id:"a"}',
  '{"id":"a"} trailing',
  '[1,2]',
  'null',
  '"dev-1"',
  '{"id":5}',
  '{"id":"a","groupIds":"g"}',
  '{"id":"a","facts":[1]}',
);
const goodLine = fc
  .integer({ min: 0, max: 99 })
  .map((n) => JSON.stringify({ id: `dev-${n}`, deviceType: 'Meter' }));

describe('fleet file lines that are no device record', () => {
  it('reports the column of a JSON syntax error', async () => {
    const trailingComma = await openError('{"id":"ok"}\n{"id":"a",}\n');
    expect(trailingComma.message).toMatch(/^\d+-fleet\.jsonl:2: not valid JSON at column 11: /);
    const cutShort = await openError('{"id":"a"\n');
    expect(cutShort.message).toMatch(
      /:1: not valid JSON at column 10: Expected ',' or '}' after property value/,
    );
    const empty = await openError('{"id":"a","model":');
    expect(empty.message).toMatch(/:1: not valid JSON at column 19: Unexpected end of JSON input/);
    const unquoted = await openError('{id:"a"}');
    expect(unquoted.message).toMatch(/:1: not valid JSON at column 2: /);
  });

  it('counts every bad line and names the first few, in file order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof({ weight: 3, arbitrary: goodLine }, { weight: 1, arbitrary: badLine }), {
          minLength: 1,
          maxLength: 40,
        }),
        async (lines) => {
          const bad = lines.flatMap((line, index) => (line.startsWith('{"id":"dev-') ? [] : [index + 1]));
          fc.pre(bad.length > 0);
          const path = writeFile(lines.join('\n'));
          const error = (await openDeviceFile(path, folder).catch(
            (thrown: unknown) => thrown,
          )) as CliInputError;
          expect(error).toBeInstanceOf(CliInputError);
          expect(error.where).toBe(`${path}:${bad[0]}`);
          const named = [
            ...error.message.matchAll(new RegExp(`${path.replace('.', '\\.')}:(\\d+):`, 'g')),
          ].map((match) => Number(match[1]));
          // The first line leads the message and is listed again among the first five.
          expect([...new Set(named)]).toEqual(bad.slice(0, 5));
          if (bad.length > 1) expect(error.message).toContain(`(${bad.length} bad lines in all:`);
          if (bad.length > 5) expect(error.message).toContain(`and ${bad.length - 5} more`);
          expect(error.message).toContain('nothing was planned or created');
        },
      ),
      { numRuns: 60 },
    );
  });
});
