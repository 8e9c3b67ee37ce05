import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyJsonArrays } from './empty-json-arrays.js';

/** The reference: the same value with every `targets` member that holds an array emptied. */
function emptied(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(emptied);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, member]) => [
      key,
      key === 'targets' && Array.isArray(member) ? [] : emptied(member),
    ]),
  );
}

const awkwardString = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('"targets":[1]', '\\"targets\\":', 'a]b[c', '}{', '\\', '"', 'é中😀', '"targets"'),
);
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    awkwardString,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(awkwardString, fc.constant('targets')), tie('value'), { maxKeys: 4 }),
    fc.record({ targets: fc.array(tie('value'), { maxLength: 5 }) }),
  ),
})).value;

describe('emptyJsonArrays', () => {
  it('parses to the same value with every "targets" array emptied, however the text is written', () => {
    fc.assert(
      fc.property(jsonValue, fc.boolean(), (value, spaced) => {
        const text = spaced ? JSON.stringify(value, null, 2) : JSON.stringify(value);
        const result = emptyJsonArrays(Buffer.from(text), 'targets');
        expect(JSON.parse(result.toString('utf8'))).toEqual(emptied(value));
      }),
      { numRuns: 2_000 },
    );
  });

  it('empties the echo of a v5 task answer and keeps the rest', () => {
    const targets = Array.from({ length: 30_000 }, (_, index) => `device_${index}`);
    const body = Buffer.from(
      JSON.stringify({ batchtask: { task_id: 't1', targets, status: 'Processing' }, task_details: [] }),
    );
    const result = emptyJsonArrays(body, 'targets');
    expect(result.length).toBeLessThan(200);
    expect(JSON.parse(result.toString('utf8'))).toEqual({
      batchtask: { task_id: 't1', targets: [], status: 'Processing' },
      task_details: [],
    });
  });

  it('leaves malformed input unchanged', () => {
    const body = Buffer.from('{"targets":["a", "b"');
    expect(emptyJsonArrays(body, 'targets')).toBe(body);
  });
});
