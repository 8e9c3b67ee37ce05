import type { IssueCollector } from './issue-collector.js';

/**
 * The deepest nesting of objects and arrays a campaign may have, counted from the campaign object (depth 1).
 * The campaign is written whole to the journal and free-form fields (`operation.paras`, `message`, a shadow's
 * `desired`, a rule's `value`) go into request bodies: past a few thousand levels `JSON.stringify` overflows the
 * stack. 128 leaves room for rule conditions at their own limit (32 levels, each an object and an array).
 */
export const maxJsonDepth = 128;

/** Path segments a `too_deep` issue shows before it is cut with `…`. */
const shownSegments = 6;

interface Pending {
  value: object;
  depth: number;
  key: string;
}

function pathOf(keys: readonly string[], depth: number): string {
  const segments = keys.slice(1, Math.min(depth, shownSegments) + 1);
  const text = segments.reduce(
    (path, key) => (key.startsWith('[') ? `${path}${key}` : path === '' ? key : `${path}.${key}`),
    '',
  );
  return depth > shownSegments ? `${text}…` : text || 'campaign';
}

/** Whether a field's own depth rule (rule conditions) already reported this spot as `too_deep`. */
function coveredByDepthIssue(issues: IssueCollector, path: string): boolean {
  const bare = path.replace(/…$/, '');
  return issues.issues.some(
    (issue) => issue.code === 'too_deep' && (issue.path.startsWith(bare) || bare.startsWith(issue.path)),
  );
}

/**
 * Reports, once each, a campaign nested deeper than {@link maxJsonDepth} and values JSON cannot hold
 * (BigInt, symbols: only programmatic input has them). Iterative, so a crafted 100,000-level document cannot
 * overflow the stack here either. Linear; primitives in arrays (a 10 M-entry
 * device list) cost one `typeof` each and no allocation.
 */
export function checkJsonShape(issues: IssueCollector, input: unknown): void {
  if (typeof input !== 'object' || input === null) return;
  const keys: string[] = [];
  const stack: Pending[] = [{ value: input, depth: 1, key: '' }];
  // A value met twice (shared, or a cycle from programmatic input) is walked once: a few shared objects
  // would otherwise make the walk exponential. The store reports a cycle as a typed error.
  const walked = new WeakSet<object>();
  let reportedDepth = false;
  let reportedType = false;
  while (stack.length > 0) {
    const { value, depth, key } = stack.pop()!;
    keys[depth] = key;
    if (depth > maxJsonDepth) {
      if (!reportedDepth) {
        reportedDepth = true;
        const path = pathOf(keys, depth);
        if (coveredByDepthIssue(issues, path)) continue;
        issues.add(
          path,
          'too_deep',
          `${path}: nested more than ${maxJsonDepth} levels of objects and arrays deep (at most ${maxJsonDepth})`,
        );
      }
      continue;
    }
    const isArray = Array.isArray(value);
    const entries = isArray ? (value as unknown[]) : Object.values(value);
    const names = isArray ? undefined : Object.keys(value);
    // Pushed in reverse so the walk meets fields in document order (the first too-deep path is reported).
    for (let index = entries.length - 1; index >= 0; index--) {
      const entry = entries[index];
      const kind = typeof entry;
      if (kind === 'object') {
        if (entry === null || walked.has(entry as object)) continue;
        walked.add(entry as object);
        stack.push({ value: entry as object, depth: depth + 1, key: names ? names[index]! : `[${index}]` });
      } else if ((kind === 'bigint' || kind === 'symbol') && !reportedType) {
        reportedType = true;
        keys[depth + 1] = names ? names[index]! : `[${index}]`;
        const path = pathOf(keys, depth + 1);
        issues.add(path, 'invalid_value', `${path}: a ${kind} cannot be written as JSON`);
      }
    }
  }
}
