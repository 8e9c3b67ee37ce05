import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const sourceRoot = fileURLToPath(new URL('../src/', import.meta.url));
const architecture = fileURLToPath(new URL('../../../docs/architecture.md', import.meta.url));

/**
 * Core's folders from the bottom up: a file may import its own folder and the folders before it, never one
 * after it. docs/architecture.md draws the same order.
 */
const layers = [
  'errors',
  'campaign',
  'directory',
  'adapter',
  'rollout',
  'rules',
  'validation',
  'planner',
  'adapter-kit',
  'runner',
  'operations',
  'testing',
] as const;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The top folder of `path` under `root`, or `undefined` for a file directly in `root` (src/index.ts). */
function layerOf(root: string, path: string): string | undefined {
  const parts = relative(root, path).split('/');
  return parts.length > 1 ? parts[0] : undefined;
}

/** `"<file> imports <specifier>"` for every relative import under `root` that goes up the layer order. */
function importsAgainstOrder(root: string): string[] {
  return sourceFiles(root).flatMap((file) => {
    const from = layerOf(root, file);
    if (from === undefined) return [];
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map(
      (match) => match[1]!,
    );
    return specifiers
      .filter((specifier) => {
        const to = layerOf(root, resolve(dirname(file), specifier));
        if (to === from) return false;
        // A test may check the package as its users see it, through src/index.ts.
        if (to === undefined) return !file.endsWith('.test.ts');
        return rank(to) > rank(from);
      })
      .map((specifier) => `${relative(root, file)} imports ${specifier}`);
  });
}

/** Position of a folder in {@link layers}; a folder not in the order ranks above every layer. */
function rank(folder: string): number {
  const index = (layers as readonly string[]).indexOf(folder);
  return index === -1 ? layers.length : index;
}

describe("core's layers", () => {
  it('places every folder of src/ in the order', () => {
    const folders = readdirSync(sourceRoot).filter((name) => statSync(join(sourceRoot, name)).isDirectory());
    expect(folders.sort()).toEqual([...layers].sort());
  });

  it('imports only downwards: no file imports a folder after its own', () => {
    expect(importsAgainstOrder(sourceRoot)).toEqual([]);
  });

  it('reports an import against the order, and not one along it', () => {
    const root = mkdtempSync(join(tmpdir(), 'fleetcast-layers-'));
    try {
      for (const folder of ['planner', 'runner', 'errors']) mkdirSync(join(root, folder));
      writeFileSync(join(root, 'runner', 'run.ts'), "import { plan } from '../planner/plan.js';\n");
      writeFileSync(join(root, 'errors', 'e.ts'), 'export class E {}\n');
      writeFileSync(
        join(root, 'planner', 'plan.ts'),
        "import { E } from '../errors/e.js';\nimport { run } from '../runner/run.js';\n",
      );
      expect(importsAgainstOrder(root)).toEqual(['planner/plan.ts imports ../runner/run.js']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('keeps the adapter specification free of runtime code: types only, one exported name per file', () => {
    const specification = sourceFiles(join(sourceRoot, 'adapter'));
    const runtime = specification.filter((file) => {
      const text = readFileSync(file, 'utf8');
      return /^export (?!type |interface )/m.test(text) || /^import (?!type )/m.test(text);
    });
    expect(runtime.map((file) => relative(sourceRoot, file))).toEqual([]);
    const versioned = specification.filter((file) => file.endsWith('-v1.ts'));
    for (const file of versioned) {
      const names = [...readFileSync(file, 'utf8').matchAll(/^export (?:type|interface) (\w+V1)\b/gm)].map(
        (m) => m[1],
      );
      const expected = file.endsWith('task-plan-v1.ts') ? 3 : 1;
      expect(names, relative(sourceRoot, file)).toHaveLength(expected);
    }
  });

  it('is the order docs/architecture.md gives', () => {
    const text = readFileSync(architecture, 'utf8');
    const line = text.split('\n').find((entry) => entry.startsWith('Layer order: '));
    expect(line).toBe(`Layer order: ${layers.map((layer) => `\`${layer}\``).join(' → ')}`);
  });
});
