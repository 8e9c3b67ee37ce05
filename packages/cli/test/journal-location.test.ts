import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CampaignReport, TaskReport } from '@fleetcast/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoExitCode } from '../src/commands/demo-command.js';
import { CliInputError } from '../src/cli-input-error.js';
import { ExitCode } from '../src/exit-code.js';
import { defaultJournalLocation, journalHasRecords, journalLocation } from '../src/journal-location.js';
import { quoteArgument } from '../src/quote-argument.js';
import { redactOptionValues } from '../src/redact-option-values.js';
import { exitCodeOf } from '../src/watch-campaign-run.js';

describe('journalLocation', () => {
  it('splits <folder>/<id>.jsonl into the store folder and the campaign ID', () => {
    expect(journalLocation('runs/meter_fw-1.jsonl', '/work')).toEqual({
      directory: '/work/runs',
      campaignId: 'meter_fw-1',
      path: '/work/runs/meter_fw-1.jsonl',
    });
  });

  it.each([
    'runs/meter.journal.jsonl',
    'runs/meter.json',
    'runs/.jsonl',
    `runs/${'x'.repeat(129)}.jsonl`,
    'runs/a b.jsonl',
  ])('refuses %s, naming the rule', (path) => {
    expect(() => journalLocation(path, '/work')).toThrow(CliInputError);
    expect(() => journalLocation(path, '/work')).toThrow(
      /<id>\.jsonl, the id made of letters, digits, _ and -/,
    );
  });

  it('makes a valid default journal from any campaign name', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (name) => {
        const location = defaultJournalLocation(name, '/work', new Date(Date.UTC(2026, 10, 22, 4, 5, 6)));
        expect(location.directory).toBe('/work/.fleetcast/journals');
        expect(location.campaignId).toMatch(/^[A-Za-z0-9_-]{1,128}$/);
        expect(location.campaignId.endsWith('-20261122T040506Z')).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('tells whether a journal already holds records', () => {
    const folder = mkdtempSync(join(tmpdir(), 'fleetcast-journal-'));
    const location = journalLocation('a.jsonl', folder);
    expect(journalHasRecords(location)).toBe(false);
    writeFileSync(location.path, '');
    expect(journalHasRecords(location)).toBe(false);
    writeFileSync(location.path, '{"type":"campaign-started"}\n');
    expect(journalHasRecords(location)).toBe(true);
  });
});

describe('printed commands and messages', () => {
  it('quotes arguments so that a POSIX shell reads them back unchanged', () => {
    expect(quoteArgument('/tmp/runs/a.jsonl')).toBe('/tmp/runs/a.jsonl');
    expect(quoteArgument("/tmp/my runs/it's.jsonl")).toBe(`'/tmp/my runs/it'\\''s.jsonl'`);
  });

  it('hides every --option=value in a message', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_+/=-]{1,40}$/), (value) => {
        const message = `error: unknown option '--secret=${value}'`;
        expect(redactOptionValues(message)).toBe("error: unknown option '--secret=…'");
      }),
    );
  });
});

function report(status: CampaignReport['status'], tasks: Partial<TaskReport>[], failed = 0): CampaignReport {
  return {
    campaignId: 'c',
    campaignName: 'c',
    adapter: 'v5',
    status,
    resumed: false,
    tasks: tasks.map((task, index) => ({
      index,
      name: `t${index}`,
      kind: 'explicit',
      targets: 10,
      created: true,
      state: 'succeeded',
      ...task,
    })),
    totals: {
      targeted: 10,
      succeeded: 10 - failed,
      failed,
      timedOut: 0,
      stopped: 0,
      unknown: 0,
      notCreated: 0,
    },
    apiCalls: { create: 1, poll: 1, find: 0, total: 2 },
    throttles: 0,
    retries: 0,
    wallTimeMs: 1,
  };
}

describe('exit codes of a finished run', () => {
  it('is 0 only when every device succeeded, 1 on any failure, 3 when cancelled', () => {
    expect(exitCodeOf(report('completed', [{}]))).toBe(ExitCode.ok);
    expect(exitCodeOf(report('completed', [{ state: 'partiallySucceeded' }], 1))).toBe(ExitCode.failures);
    expect(exitCodeOf(report('completed', [{ state: 'createFailed', created: false }]))).toBe(
      ExitCode.failures,
    );
    expect(exitCodeOf(report('aborted', [{}]))).toBe(ExitCode.failures);
    expect(exitCodeOf(report('cancelled', [{ state: 'notCreated', created: false }]))).toBe(
      ExitCode.cancelled,
    );
  });

  it('lets the demo succeed with simulated device failures, but not with a task left behind', () => {
    const partial = report('completed', [{ state: 'partiallySucceeded' }], 3);
    expect(demoExitCode([partial, report('completed', [{}])])).toBe(ExitCode.ok);
    expect(demoExitCode([partial, report('completed', [{ state: 'unknown', created: 'unknown' }])])).toBe(
      ExitCode.failures,
    );
    expect(demoExitCode([partial, report('cancelled', [{}])])).toBe(ExitCode.cancelled);
  });
});
