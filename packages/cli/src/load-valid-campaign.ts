import {
  type AdapterInfo,
  type Campaign,
  CampaignValidationError,
  type ValidationIssue,
  type ValidationLimits,
  validateCampaign,
} from '@fleetcast/core';
import { CliInputError } from './cli-input-error.js';
import { loadCampaign } from './load-campaign.js';

/** Deepest nesting of objects and arrays a campaign file may have (core's validation allows as much). */
export const maxDocumentDepth = 128;

/**
 * Validates a parsed campaign file for a command. What validation alone lets through or cannot survive (a
 * document nested so deep that walking it exhausts the stack) is a {@link CliInputError}: no input reaches
 * "unexpected error".
 */
export function checkCampaignDocument(
  path: string,
  input: unknown,
  limits?: ValidationLimits,
): ValidationIssue[] {
  let issues: ValidationIssue[] = [];
  let overflow: RangeError | undefined;
  try {
    issues = validateCampaign(input, limits);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    overflow = error;
  }
  // Free-form values (a rule's `value`, `operation.paras`) are not depth-bounded by validation everywhere;
  // the planner, the rules compiler and the journal walk them recursively.
  if (issues.length === 0 && nestingDepth(input) > maxDocumentDepth) {
    throw new CliInputError(
      path,
      `the campaign is nested more than ${maxDocumentDepth} levels deep (objects and arrays); a campaign is a few levels deep`,
      overflow ? { cause: overflow } : undefined,
    );
  }
  if (overflow) throw overflow;
  return issues;
}

/** Depth of nested objects and arrays, walked without recursion (a crafted file may be 100,000 levels deep). */
function nestingDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (typeof item !== 'object' || item === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > maxDocumentDepth) return deepest;
    for (const child of Object.values(item)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return deepest;
}

/**
 * Reads a campaign file and validates it (against the adapter's limits when given) before any command
 * touches a field of it: a file holding `null`, an array or a rollout of the wrong shape is a
 * `CampaignValidationError` (every issue, exit 2), never a crash in the command.
 */
export async function loadValidCampaign(path: string, cwd: string, adapter?: AdapterInfo): Promise<Campaign> {
  const input = await loadCampaign(path, cwd);
  const issues = checkCampaignDocument(path, input, adapter ? { adapter } : undefined);
  if (issues.length > 0) throw new CampaignValidationError(issues);
  return input as Campaign;
}
