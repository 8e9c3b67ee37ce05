import { PlatformError } from '../errors/platform-error.js';
import { describe, expect, it } from 'vitest';
import { errorLeakText } from './describe-adapter-conformance.js';

const secret = 'app-secret-5c1d8e';

describe('errorLeakText (the conformance suite leak check)', () => {
  it('sees a secret hidden in a cause, however deep', () => {
    const inner = new Error(`login refused for ${secret}`);
    const middle = new Error('request failed', { cause: inner });
    const outer = new PlatformError({ kind: 'auth', message: 'legacy: create refused', cause: middle });
    expect(Object.keys(outer)).not.toContain('cause');
    expect(errorLeakText(outer)).toContain(secret);
  });

  it('sees a secret in an own enumerable field, a nested field, a stack or an aggregated error', () => {
    expect(errorLeakText(Object.assign(new Error('x'), { request: { headers: { secret } } }))).toContain(
      secret,
    );
    const withStack = new Error('x');
    withStack.stack = `Error: x\n    at login (${secret})`;
    expect(errorLeakText(withStack)).toContain(secret);
    expect(errorLeakText(new AggregateError([new Error(secret)], 'many'))).toContain(secret);
  });

  it('survives cycles and bigints, and finds nothing when nothing leaks', () => {
    const cyclic: Error & { self?: unknown; count?: bigint } = new Error('clean');
    cyclic.self = cyclic;
    cyclic.count = 3n;
    const text = errorLeakText(new Error('outer', { cause: cyclic }));
    expect(text).toContain('clean');
    expect(text).not.toContain(secret);
  });
});
