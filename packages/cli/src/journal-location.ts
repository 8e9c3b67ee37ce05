import { existsSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { CliInputError } from './cli-input-error.js';

/** Where a campaign's journal lives: core's file store keeps `<directory>/<campaignId>.jsonl`. */
export interface JournalLocation {
  directory: string;
  campaignId: string;
  /** The file, absolute. */
  path: string;
}

const campaignIdPattern = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Splits a `--journal` path into the store's folder and the campaign ID. The file name must be
 * `<id>.jsonl` with an ID of letters, digits, `_` and `-` (at most 128), because the ID is the journal key.
 */
export function journalLocation(path: string, cwd: string): JournalLocation {
  const fullPath = resolve(cwd, path);
  const fileName = basename(fullPath);
  const campaignId = fileName.endsWith('.jsonl') ? fileName.slice(0, -'.jsonl'.length) : '';
  if (!campaignIdPattern.test(campaignId)) {
    throw new CliInputError(
      '--journal',
      `"${fileName.slice(0, 60)}" must be named <id>.jsonl, the id made of letters, digits, _ and - (at most 128 characters)`,
    );
  }
  return { directory: dirname(fullPath), campaignId, path: fullPath };
}

/** A default journal for `run` without `--journal`: `.fleetcast/journals/<campaign name>-<UTC time>.jsonl`. */
export function defaultJournalLocation(
  campaignName: unknown,
  cwd: string,
  now = new Date(),
): JournalLocation {
  const base =
    (typeof campaignName === 'string' ? campaignName : 'campaign')
      .replace(/[^A-Za-z0-9_-]+/g, '_')
      .slice(0, 80) || 'campaign';
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return journalLocation(`.fleetcast/journals/${base}-${stamp}.jsonl`, cwd);
}

/** True when the journal file exists and holds something. */
export function journalHasRecords(location: JournalLocation): boolean {
  return existsSync(location.path) && statSync(location.path).size > 0;
}
