import type { ValidationIssue } from '@fleetcast/core';

/**
 * One problem as one line: `path: message [code]`. Core's messages usually start with the path already;
 * it is not repeated then.
 */
export function formatValidationIssue(issue: ValidationIssue): string {
  const message = issue.message.replace(/\s*\n\s*/g, ' ');
  const located =
    issue.path !== '' && !message.startsWith(issue.path) ? `${issue.path}: ${message}` : message;
  return `${located} [${issue.code}]`;
}
