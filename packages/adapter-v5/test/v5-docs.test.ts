import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { v5ErrorTable } from '../src/index.js';

// The adapter page lists every code with its kind; this keeps the page and the table from drifting apart.
const page = readFileSync(new URL('../../../docs/adapters/v5.md', import.meta.url), 'utf8');
const errorsSection = page.slice(page.indexOf('## Errors'), page.indexOf('## Task names'));

describe('docs/adapters/v5.md', () => {
  it('names every code of the error table with its kind', () => {
    const documented = new Map<string, string>();
    for (const [, codes, kind] of errorsSection.matchAll(/^\| [^|]+ \| ([^|]+) \| (\w+) \|$/gm)) {
      let prefix = '';
      for (const raw of (codes ?? '').split(',')) {
        const code = raw.trim().split(' ')[0] ?? '';
        // ".000008" continues the previous "IOTDA.000006".
        const full = code.startsWith('.') ? prefix + code : code;
        prefix = full.slice(0, full.indexOf('.'));
        if (/^[A-Z]+\.\d+$/.test(full)) documented.set(full, kind ?? '');
      }
    }
    expect(Object.fromEntries(documented)).toEqual(
      Object.fromEntries(v5ErrorTable.map((entry) => [entry.code, entry.kind])),
    );
  });
});
