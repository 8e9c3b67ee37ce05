import type { ValidationIssue } from '../errors/campaign-validation-error.js';
import { checkJsonShape } from './check-json-shape.js';
import { isPlainObject } from '../errors/describe-value.js';
import { checkKnownFields, reportMissing, reportWrongType } from './field-checks.js';
import { IssueCollector } from './issue-collector.js';
import { describeTaskNameProblem, describeTaskNameRule } from './task-name-rules.js';
import { validateOperation } from './validate-operation.js';
import { validatePolicy } from './validate-policy.js';
import { validateRollout } from './validate-rollout.js';
import { validateTarget } from './validate-target.js';
import { resolveLimits, type ValidationLimits } from './validation-limits.js';
import { describeValue } from '../errors/describe-value.js';

const campaignFields = ['name', 'target', 'operation', 'policy', 'rollout'];

function checkName(issues: IssueCollector, name: unknown, limits: ReturnType<typeof resolveLimits>): void {
  const rule = limits.taskNameRule;
  if (name === undefined) {
    reportMissing(issues, 'name', describeTaskNameRule(rule));
    return;
  }
  if (typeof name !== 'string') {
    reportWrongType(issues, 'name', name, `a string (${describeTaskNameRule(rule)})`);
    return;
  }
  const problem = describeTaskNameProblem(name, rule);
  if (problem) {
    const code =
      name.length === 0 ? 'too_short' : name.length > rule.maxLength ? 'too_long' : 'invalid_character';
    issues.add('name', code, `name: ${describeValue(name)} ${problem} (${describeTaskNameRule(rule)})`);
  }
}

/**
 * Every problem in a campaign, at once, as `{path, code, message}`; empty when it is valid.
 *
 * `input` may be untrusted JSON: wrong types are reported as issues, never thrown. Limits default to the
 * stricter of both platforms (task name: v5 rule; 30,000 targets per task). A list field reports at most
 * `maxIssuesPerList` issues (default 1,000) plus one `too_many_issues` summary. Linear in the input size.
 *
 * Throws only when `limits` itself is invalid (`FLEETCAST_INVALID_OPTIONS`).
 *
 * @example
 * const issues = validateCampaign(JSON.parse(text), { adapter: { name: v5.name, capabilities: v5.capabilities } });
 * for (const issue of issues) console.error(issue.message);
 */
export function validateCampaign(input: unknown, limits?: ValidationLimits): ValidationIssue[] {
  const resolved = resolveLimits(limits);
  const issues = new IssueCollector(resolved.maxIssuesPerList);
  if (!isPlainObject(input)) {
    reportWrongType(issues, 'campaign', input, 'an object {name, target, operation, policy?}');
    return issues.issues;
  }
  checkKnownFields(issues, '', input, campaignFields);
  checkName(issues, input.name, resolved);
  validateTarget(issues, input.target, {
    requireManufacturerAndModel: resolved.requireManufacturerAndModel,
    ruleOperators: resolved.ruleOperators,
  });
  validateOperation(issues, input.operation, {
    operations: resolved.supportedOperations,
    adapterName: resolved.adapterName,
  });
  validatePolicy(issues, input.policy, resolved.now, resolved.appIdRule);
  validateRollout(issues, input.rollout);
  // Last, so that a field with its own depth rule (rule conditions) is reported by that rule alone.
  checkJsonShape(issues, input);
  return issues.issues;
}
