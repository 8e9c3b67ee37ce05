import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlatformError } from '../errors/platform-error.js';
import {
  kindFromHttpStatus,
  type PlatformErrorTableEntry,
  platformErrorFromTable,
} from './platform-error-table.js';

const table: readonly PlatformErrorTableEntry[] = [
  { httpStatus: 200, code: '100203', kind: 'auth', meaning: 'app missing' },
  { httpStatus: 500, code: '100203', kind: 'server', meaning: 'app missing, server side' },
  { code: 'ANY', kind: 'nameExists', meaning: 'under any status' },
];
const context = { adapter: 'test', operation: 'create task' };

describe('platformErrorFromTable', () => {
  it('prefers the exact (status, code) row, then the code under any status, then the status class', () => {
    expect(platformErrorFromTable(table, { httpStatus: 500, code: '100203' }, context).kind).toBe('server');
    expect(platformErrorFromTable(table, { httpStatus: 200, code: '100203' }, context).kind).toBe('auth');
    expect(platformErrorFromTable(table, { httpStatus: 403, code: '100203' }, context).kind).toBe('auth');
    expect(platformErrorFromTable(table, { httpStatus: 418, code: 'ANY' }, context).kind).toBe('nameExists');
    expect(platformErrorFromTable(table, { httpStatus: 429, code: 'NEW' }, context).kind).toBe('throttled');
  });

  it('builds a PlatformError that names the call, status and code and keeps the fields', () => {
    const error = platformErrorFromTable(
      table,
      { httpStatus: 500, code: '100203', message: 'boom' },
      context,
    );
    expect(PlatformError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      httpStatus: 500,
      platformCode: '100203',
      adapter: 'test',
      retryable: true,
    });
    expect(error.message).toBe('test: create task failed with HTTP 500 100203: boom');
    expect(platformErrorFromTable(table, { httpStatus: 200, code: '100203' }, context).message).toContain(
      'app missing',
    );
  });

  it('redacts every given secret from the message, in the platform text or the operation alike', () => {
    const secret = 'tok-SECRET-7f3a9c';
    const error = platformErrorFromTable(
      table,
      { httpStatus: 401, code: 'NEW', message: `token ${secret} refused; again: ${secret}` },
      { adapter: 'test', operation: `call with ${secret}`, secrets: [secret, undefined] },
    );
    expect(error.message).not.toContain(secret);
    expect(error.message).toBe(
      'test: call with [redacted] failed with HTTP 401 NEW: token [redacted] refused; again: [redacted]',
    );
  });
});

describe('kindFromHttpStatus', () => {
  it('gives every status a kind: 5xx server, 429 throttled, 401/403 auth, 404 notFound, other 4xx invalidInput', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 599 }), (status) => {
        const kind = kindFromHttpStatus(status);
        if (status >= 500 || status < 400) expect(kind).toBe('server');
        else if (status === 429) expect(kind).toBe('throttled');
        else if (status === 401 || status === 403) expect(kind).toBe('auth');
        else if (status === 404) expect(kind).toBe('notFound');
        else expect(kind).toBe('invalidInput');
      }),
      { numRuns: 1000 },
    );
  });
});
