import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from './is-loopback-host.js';
import { redactSecrets } from './redact-secrets.js';

describe('isLoopbackHost', () => {
  it.each([
    ['localhost', true],
    ['api.localhost', true],
    ['127.0.0.1', true],
    ['127.255.0.9', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['128.0.0.1', false],
    ['127.0.0.256', false],
    ['localhost.example.com', false],
    ['10.0.0.1', false],
    ['iotda.cn-north-4.myhuaweicloud.com', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});

describe('redactSecrets', () => {
  it('replaces every occurrence of each secret and ignores very short ones', () => {
    expect(redactSecrets('a TOKEN1234 b TOKEN1234 c key', ['TOKEN1234', 'key', undefined])).toBe(
      'a [redacted] b [redacted] c key',
    );
  });
});
