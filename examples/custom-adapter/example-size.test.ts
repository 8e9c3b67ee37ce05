import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// docs/custom-adapter.md promises a complete adapter in under 150 lines, tested by `pnpm test`.
describe('the custom-adapter example', () => {
  it('stays under 150 lines', () => {
    const source = readFileSync(new URL('./acme-adapter.ts', import.meta.url), 'utf8');
    expect(source.trimEnd().split('\n').length).toBeLessThan(150);
  });

  it('runs in CI: the root vitest config includes the examples', () => {
    const config = readFileSync(new URL('../../vitest.config.ts', import.meta.url), 'utf8');
    expect(config).toContain("'examples/**/*.test.ts'");
  });
});
