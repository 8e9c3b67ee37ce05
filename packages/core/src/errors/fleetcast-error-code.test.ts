import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fleetcastErrorCodes } from './fleetcast-error-code.js';
import { PlatformError, platformErrorKinds } from './platform-error.js';

const coreSources = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

describe('fleetcastErrorCodes', () => {
  it("lists every error code written in core's sources", () => {
    const written = new Set(
      sourceFiles(coreSources).flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/'(FLEETCAST_[A-Z0-9_]+)'/g)].map((match) => match[1]!),
      ),
    );
    expect(written.size).toBeGreaterThan(10);
    expect([...written].filter((code) => !(fleetcastErrorCodes as readonly string[]).includes(code))).toEqual(
      [],
    );
  });

  it('lists each code once', () => {
    expect(fleetcastErrorCodes.filter((code, index) => fleetcastErrorCodes.indexOf(code) !== index)).toEqual(
      [],
    );
  });

  it('holds the code of a PlatformError of every kind', () => {
    for (const kind of platformErrorKinds) {
      expect(fleetcastErrorCodes).toContain(new PlatformError({ kind, message: kind }).code);
    }
  });
});
