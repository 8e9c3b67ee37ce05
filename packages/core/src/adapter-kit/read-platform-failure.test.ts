import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPlatformFailure } from './read-platform-failure.js';

const legacyKeys = { code: 'error_code', message: 'error_desc' };

describe('readPlatformFailure', () => {
  it('reads a string or numeric code and the message under the given keys', () => {
    expect(
      readPlatformFailure(
        { status: 200, body: { error_code: 105002, error_desc: 'name exists' } },
        legacyKeys,
      ),
    ).toEqual({ httpStatus: 200, code: '105002', message: 'name exists' });
    expect(
      readPlatformFailure(
        { status: 400, body: { error_code: 'IOTDA.000006', error_msg: 'invalid input' } },
        { code: 'error_code', message: 'error_msg' },
      ),
    ).toEqual({ httpStatus: 400, code: 'IOTDA.000006', message: 'invalid input' });
    // The other platform's message key is not read.
    expect(
      readPlatformFailure({ status: 400, body: { error_code: '50400', error_msg: 'x' } }, legacyKeys).message,
    ).toBeUndefined();
  });

  it('leaves code and message undefined for bodies that do not carry them as text or numbers', () => {
    const noise = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.constant(''),
      fc.boolean(),
      fc.constant(Number.NaN),
      fc.array(fc.string()),
      fc.object(),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 599 }),
        noise,
        noise,
        fc.boolean(),
        (status, code, desc, wrap) => {
          const body = wrap ? { error_code: code, error_desc: desc } : code;
          const failure = readPlatformFailure({ status, body }, legacyKeys);
          expect(failure.httpStatus).toBe(status);
          expect(failure.code).toBeUndefined();
          expect(failure.message).toBeUndefined();
        },
      ),
    );
  });
});
