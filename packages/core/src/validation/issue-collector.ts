import type { ValidationIssue } from '../errors/campaign-validation-error.js';

/** How many issues one list field (e.g. `target.deviceIds`) reports before summarising the rest. */
export const defaultMaxIssuesPerList = 1000;

/**
 * Gathers issues. List fields report through {@link IssueCollector.forList}, which keeps the first
 * `maxIssuesPerList` and replaces the rest with one `too_many_issues` summary, so a 10 M-entry list of
 * bad IDs yields a bounded, readable result.
 */
export class IssueCollector {
  readonly issues: ValidationIssue[] = [];

  constructor(readonly maxIssuesPerList: number = defaultMaxIssuesPerList) {}

  add(path: string, code: string, message: string): void {
    this.issues.push({ path, code, message });
  }

  /** A reporter for the entries of one list; call `finish()` after the last entry. */
  forList(path: string, entryKind: string): ListIssueReporter {
    return new ListIssueReporter(this, path, entryKind);
  }
}

/** Reports issues of one list's entries, capped; see {@link IssueCollector}. */
export class ListIssueReporter {
  private reported = 0;
  private skipped = 0;

  constructor(
    private readonly collector: IssueCollector,
    private readonly path: string,
    private readonly entryKind: string,
  ) {}

  /** `message` may be a function: past the cap it is never called, so 10 M bad entries cost no strings. */
  add(index: number, code: string, message: string | (() => string)): void {
    if (this.reported < this.collector.maxIssuesPerList) {
      this.reported++;
      this.collector.add(`${this.path}[${index}]`, code, typeof message === 'string' ? message : message());
    } else {
      this.skipped++;
    }
  }

  finish(): void {
    if (this.skipped === 0) return;
    this.collector.add(
      this.path,
      'too_many_issues',
      `${this.path}: ${this.skipped} more invalid ${this.entryKind} not listed ` +
        `(only the first ${this.reported} are reported)`,
    );
  }
}
