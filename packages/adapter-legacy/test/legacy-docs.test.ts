import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { legacyErrorTable } from '../src/index.js';

// The adapter page lists every code with its kind; this keeps the page and the table from drifting apart.
const page = readFileSync(new URL('../../../docs/adapters/legacy.md', import.meta.url), 'utf8');
const errorsSection = page.slice(page.indexOf('## Errors'), page.indexOf('## Disagreements'));

describe('docs/adapters/legacy.md', () => {
  it('lists every (HTTP status, code, kind) of the error table and nothing else', () => {
    const documented = new Set<string>();
    for (const [, status, codes, kind] of errorsSection.matchAll(/^\| (\d{3}) \| ([\d, ]+) \| (\w+) \|$/gm)) {
      for (const code of (codes ?? '').split(',')) documented.add(`${status} ${code.trim()} ${kind}`);
    }
    const table = new Set(legacyErrorTable.map((entry) => `${entry.httpStatus} ${entry.code} ${entry.kind}`));
    expect(documented).toEqual(table);
  });
});
