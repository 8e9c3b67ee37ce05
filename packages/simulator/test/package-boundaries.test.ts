import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('package boundaries', () => {
  it('stands in for Huawei on its own: no @fleetcast import, only pure-rand at runtime', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    expect(Object.keys(manifest.dependencies ?? {})).toEqual(['pure-rand']);
    const offenders = sourceFiles(join(root, 'src')).filter((file) =>
      /from '@fleetcast\//.test(readFileSync(file, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('binds only to 127.0.0.1: every listen() in the sources names that host', () => {
    const sources = sourceFiles(join(root, 'src')).map((file) => readFileSync(file, 'utf8'));
    const listens = sources.flatMap((text) => text.match(/\.listen\([^)]*/g) ?? []);
    expect(listens.length).toBeGreaterThan(0);
    for (const call of listens) expect(call).toMatch(/^\.listen\([^,]+, '127\.0\.0\.1'/);
  });
});
