import { describe, expect, it } from 'vitest';
import { expectOnly, issuesOf } from './__test-helpers__/campaign-fixtures.js';

describe('validateCampaign: policy', () => {
  it('limits timeout to 10–2880 minutes', () => {
    expectOnly(
      { policy: { timeout: 9 } },
      'policy.timeout',
      'out_of_range',
      'policy.timeout: 9 is out of range (10–2880 minutes)',
    );
    expect(issuesOf({ policy: { timeout: 2881 } })[0]).toMatchObject({ code: 'out_of_range' });
    expect(issuesOf({ policy: { timeout: 10 } })).toEqual([]);
    expectOnly(
      { policy: { timeout: 12.5 } },
      'policy.timeout',
      'wrong_type',
      'policy.timeout: must be an integer, 10–2880 minutes, got a number (12.5)',
    );
  });

  it('limits maxRetransmit to 0–3', () => {
    expectOnly(
      { policy: { maxRetransmit: 4 } },
      'policy.maxRetransmit',
      'out_of_range',
      'policy.maxRetransmit: 4 is out of range (0–3)',
    );
    expect(issuesOf({ policy: { maxRetransmit: 0 } })).toEqual([]);
  });

  it('limits retryCount to 1–5 and retryInterval to 0–1440, given together', () => {
    expect(issuesOf({ policy: { retryCount: 5, retryInterval: 0 } })).toEqual([]);
    expectOnly(
      { policy: { retryCount: 6, retryInterval: 10 } },
      'policy.retryCount',
      'out_of_range',
      'policy.retryCount: 6 is out of range (1–5)',
    );
    expectOnly(
      { policy: { retryCount: 1, retryInterval: 1441 } },
      'policy.retryInterval',
      'out_of_range',
      'policy.retryInterval: 1441 is out of range (0–1440 minutes)',
    );
    expectOnly(
      { policy: { retryInterval: 30 } },
      'policy.retryCount',
      'required_together',
      'policy.retryCount is required when policy.retryInterval is given (both or neither)',
    );
  });

  it('accepts a scheduleTime within 7 days and rejects others', () => {
    expect(issuesOf({ policy: { scheduleTime: '20261128T120000Z' } })).toEqual([]);
    expectOnly(
      { policy: { scheduleTime: '20261201T000000Z' } },
      'policy.scheduleTime',
      'out_of_range',
      'policy.scheduleTime: "20261201T000000Z" is not within the next 7 days (20261122T040000Z to 20261129T040000Z)',
    );
    expect(issuesOf({ policy: { scheduleTime: '20261121T000000Z' } })[0]).toMatchObject({
      code: 'out_of_range',
    });
  });

  it('rejects a malformed or impossible scheduleTime', () => {
    expectOnly(
      { policy: { scheduleTime: '2026-11-23T12:00:00Z' } },
      'policy.scheduleTime',
      'invalid_format',
      `policy.scheduleTime: "2026-11-23T12:00:00Z" is not a valid time (yyyyMMdd'T'HHmmss'Z', UTC)`,
    );
    expect(issuesOf({ policy: { scheduleTime: '20261131T120000Z' } })[0]).toMatchObject({
      code: 'invalid_format',
    });
    expect(issuesOf({ policy: { scheduleTime: '20261123T246000Z' } })[0]).toMatchObject({
      code: 'invalid_format',
    });
  });

  it('limits tag names to 1–128 and values to 1–1024 characters', () => {
    expect(issuesOf({ policy: { tags: [{ name: 'n'.repeat(128), value: 'v'.repeat(1024) }] } })).toEqual([]);
    expectOnly(
      { policy: { tags: [{ name: 'n'.repeat(129), value: 'v' }] } },
      'policy.tags[0].name',
      'too_long',
      `policy.tags[0].name: "${'n'.repeat(40)}…" is 129 characters long (1–128 characters)`,
    );
    expectOnly(
      { policy: { tags: [{ name: 'n', value: '' }] } },
      'policy.tags[0].value',
      'too_short',
      'policy.tags[0].value: "" is too short (1–1024 characters)',
    );
  });

  it('checks callbackUrl, appId and unknown policy fields', () => {
    expectOnly(
      { policy: { callbackUrl: 'not a url' } },
      'policy.callbackUrl',
      'invalid_format',
      'policy.callbackUrl: "not a url" is not an absolute http(s) URL',
    );
    expect(issuesOf({ policy: { callbackUrl: 'https://example.com/cb', appId: 'app_1-x' } })).toEqual([]);
    expect(issuesOf({ policy: { appId: 'a'.repeat(37) } })[0]).toMatchObject({ code: 'invalid_format' });
    expectOnly(
      { policy: { timeOut: 30 } },
      'policy.timeOut',
      'unknown_field',
      'policy.timeOut is not a known field (known: timeout, maxRetransmit, retryCount, retryInterval, scheduleTime, callbackUrl, groupTag, tags, appId)',
    );
  });
});

describe('validateCampaign: every policy rule has an example with its code and message', () => {
  it.each([
    [{ policy: 'fast' }, 'policy', 'wrong_type', 'policy: must be an object, got a string ("fast")'],
    [
      { policy: { timeout: 2881 } },
      'policy.timeout',
      'out_of_range',
      'policy.timeout: 2881 is out of range (10–2880 minutes)',
    ],
    [
      { policy: { timeout: '30' } },
      'policy.timeout',
      'wrong_type',
      'policy.timeout: must be an integer, 10–2880 minutes, got a string ("30")',
    ],
    [
      { policy: { maxRetransmit: -1 } },
      'policy.maxRetransmit',
      'out_of_range',
      'policy.maxRetransmit: -1 is out of range (0–3)',
    ],
    [
      { policy: { retryCount: 0, retryInterval: 5 } },
      'policy.retryCount',
      'out_of_range',
      'policy.retryCount: 0 is out of range (1–5)',
    ],
    [
      { policy: { retryCount: 2 } },
      'policy.retryInterval',
      'required_together',
      'policy.retryInterval is required when policy.retryCount is given (both or neither)',
    ],
    [
      { policy: { scheduleTime: '20261121T000000Z' } },
      'policy.scheduleTime',
      'out_of_range',
      'policy.scheduleTime: "20261121T000000Z" is not within the next 7 days (20261122T040000Z to 20261129T040000Z)',
    ],
    [
      { policy: { scheduleTime: '20261131T120000Z' } },
      'policy.scheduleTime',
      'invalid_format',
      `policy.scheduleTime: "20261131T120000Z" is not a valid time (yyyyMMdd'T'HHmmss'Z', UTC)`,
    ],
    [
      { policy: { scheduleTime: 20261123 } },
      'policy.scheduleTime',
      'wrong_type',
      `policy.scheduleTime: must be a string (yyyyMMdd'T'HHmmss'Z', UTC), got a number (20261123)`,
    ],
    [
      { policy: { tags: { name: 'a' } } },
      'policy.tags',
      'wrong_type',
      'policy.tags: must be a list of {name, value}, got an object (an object)',
    ],
    [
      { policy: { tags: ['a'] } },
      'policy.tags[0]',
      'wrong_type',
      'policy.tags[0]: must be an object {name, value}, got a string ("a")',
    ],
    [
      { policy: { tags: [{ name: 'a', value: 'b', colour: 'red' }] } },
      'policy.tags[0].colour',
      'unknown_field',
      'policy.tags[0].colour is not a known field (known: name, value)',
    ],
    [
      { policy: { tags: [{ value: 'b' }] } },
      'policy.tags[0].name',
      'required',
      'policy.tags[0].name is required (a string of 1–128 characters)',
    ],
    [
      { policy: { groupTag: '' } },
      'policy.groupTag',
      'too_short',
      'policy.groupTag: "" is too short (1–256 characters)',
    ],
    [
      { policy: { callbackUrl: 'ftp://x/y' } },
      'policy.callbackUrl',
      'invalid_format',
      'policy.callbackUrl: "ftp://x/y" is not an absolute http(s) URL',
    ],
    [
      { policy: { appId: 'a'.repeat(37) } },
      'policy.appId',
      'invalid_format',
      `policy.appId: "${'a'.repeat(37)}" is not a valid app ID (letters, digits, _ and -, at most 36 characters)`,
    ],
    [
      { policy: { appId: 5 } },
      'policy.appId',
      'wrong_type',
      'policy.appId: must be a string, got a number (5)',
    ],
    [
      { policy: { callbackUrl: 'ftp://admin:s3cret@example.com/cb' } },
      'policy.callbackUrl',
      'invalid_format',
      'policy.callbackUrl: "ftp://…@example.com/cb" is not an absolute http(s) URL',
    ],
  ])('%j: %s %s', (patch, path, code, message) => {
    expectOnly(patch, path, code, message);
  });
});
