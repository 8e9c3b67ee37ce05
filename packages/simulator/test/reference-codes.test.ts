import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * Every error code of the reference tables (huawei-api.md §A1 create, §A2 query one, §A3 subtasks, §B9
 * IoTDA), written by hand, with where the simulator's behaviour for it is checked: a contract test that
 * asserts it, or `'not emulated'` (then docs/simulator.md must say so and no source may produce it).
 */
const referenceCodes: Record<string, string> = {
  // Legacy §A1–A3
  '100203': 'robustness.test.ts',
  '101001': 'legacy-contract.test.ts',
  '105001': 'legacy-contract.test.ts',
  '105002': 'legacy-contract.test.ts',
  '105201': 'legacy-contract.test.ts',
  '50400': 'legacy-contract.test.ts',
  '100028': 'not emulated',
  '100217': 'legacy-contract.test.ts',
  '1010009': 'legacy-contract.test.ts',
  '1010005': 'legacy-contract.test.ts',
  '105202': 'not emulated',
  '50252': 'faults.test.ts',
  '100019': 'legacy-query-contract.test.ts',
  '100022': 'legacy-query-contract.test.ts',
  '105005': 'legacy-query-contract.test.ts',
  // v5 §B9
  'IOTDA.000006': 'v5-contract.test.ts',
  'IOTDA.000008': 'v5-contract.test.ts',
  'IOTDA.000009': 'v5-contract.test.ts',
  'IOTDA.014602': 'not emulated',
  'IOTDA.014603': 'not emulated',
  'IOTDA.000004': 'v5-contract.test.ts',
  'IOTDA.000021': 'v5-contract.test.ts',
  'IOTDA.001000': 'robustness.test.ts',
  'IOTDA.001002': 'not emulated',
  'IOTDA.001005': 'not emulated',
  'IOTDA.001006': 'not emulated',
  'IOTDA.001007': 'not emulated',
  'IOTDA.000020': 'not emulated',
  'IOTDA.014219': 'v5-task-actions.test.ts',
};

const testDir = new URL('./', import.meta.url);
const sourceDir = new URL('../src/', import.meta.url);
const docs = readFileSync(new URL('../../../docs/simulator.md', import.meta.url), 'utf8');
const notEmulatedSection = docs.slice(docs.indexOf('## Not emulated'));

function sourceText(dir: URL): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((entry) =>
      entry.isDirectory()
        ? sourceText(new URL(`${entry.name}/`, dir))
        : entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')
          ? readFileSync(new URL(entry.name, dir), 'utf8')
          : '',
    )
    .join('\n');
}
const source = sourceText(sourceDir);
const quoted = (code: string) => `'${code}'`;

describe('reference error codes in the simulator', () => {
  const covered = Object.entries(referenceCodes).filter(([, where]) => where !== 'not emulated');
  const missing = Object.entries(referenceCodes).filter(([, where]) => where === 'not emulated');

  it.each(covered)('%s is produced by the source and asserted in %s', (code, file) => {
    expect(source.includes(quoted(code)), `no source file produces ${code}`).toBe(true);
    const test = readFileSync(new URL(file, testDir), 'utf8');
    expect(test.includes(quoted(code)), `${file} never names ${code}`).toBe(true);
  });

  it.each(missing)('%s is listed under "Not emulated" in docs/simulator.md and produced nowhere', (code) => {
    expect(notEmulatedSection.includes(`\`${code}\``), `docs do not list ${code}`).toBe(true);
    expect(source.includes(code), `the source mentions ${code}, yet it is listed as not emulated`).toBe(
      false,
    );
  });
});
