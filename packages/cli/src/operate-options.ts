import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CliInputError } from './cli-input-error.js';
import type { CliContext } from './cli-context.js';
import { type JournalLocation, journalLocation } from './journal-location.js';
import { loadCredentials } from './load-credentials.js';
import { addTlsOptions, loadTlsOptions, type TlsFileOptions } from './load-tls-options.js';
import { type ClosableAdapter, createPlatformAdapter } from './platform-adapter.js';
import { parsePlatformName } from './platform-name.js';
import { addPlatformOptions, type PlatformOptions, tuningFrom } from './platform-options.js';
import { readJournalHeader } from './read-journal-header.js';

/** Where `run` journals by default, and where the operating commands look a campaign ID up. */
export const defaultJournalDirectory = '.fleetcast/journals';

/** Options of the commands that operate a campaign after it started (status, results, stop, retry). */
export interface OperateOptions extends Omit<PlatformOptions, 'platform'>, TlsFileOptions {
  platform?: string;
  endpoint?: string;
  journal?: string;
  journalDir: string;
  json?: boolean;
}

/** Adds `--journal`, `--journal-dir`, `--json` and, when `platform`, the platform options `run` takes. */
export function addOperateOptions(command: Command, { platform = true } = {}): Command {
  const withJournal = command
    .option('--journal <file>', 'the journal file instead of a campaign ID (<id>.jsonl)')
    .option('--journal-dir <dir>', 'where campaign IDs are looked up', defaultJournalDirectory)
    .option('--json', 'print the result as JSON on stdout');
  if (!platform) return withJournal;
  return addTlsOptions(
    addPlatformOptions(withJournal, { platformOptional: true }).option(
      '--endpoint <url>',
      'platform base URL, as for `run` (the platform defaults to the journal’s)',
    ),
  );
}

/** The journal of `campaign` (an ID in `--journal-dir`) or of `--journal`; exactly one must be given. */
export function operatedJournal(
  context: CliContext,
  campaign: string | undefined,
  options: OperateOptions,
): JournalLocation {
  if ((campaign === undefined) === (options.journal === undefined)) {
    throw new CliInputError('<campaign>', 'give a campaign ID or --journal <file>, not both and not neither');
  }
  const location =
    options.journal !== undefined
      ? journalLocation(options.journal, context.io.cwd)
      : journalLocation(resolve(context.io.cwd, options.journalDir, `${campaign}.jsonl`), context.io.cwd);
  if (!existsSync(location.path)) {
    throw new CliInputError(
      options.journal === undefined ? '<campaign>' : '--journal',
      `no journal ${location.path}${options.journal === undefined ? ` (campaign IDs are looked up in --journal-dir ${options.journalDir}; \`fleetcast list\` shows them)` : ''}`,
    );
  }
  return location;
}

/**
 * The adapter for a journal's platform: `--platform` (which must match the journal's) or the journal's,
 * at `--endpoint`, with credentials and TLS files loaded as `run` loads them.
 */
export async function openJournalPlatform(
  context: CliContext,
  journal: JournalLocation,
  options: OperateOptions,
  why: string,
): Promise<ClosableAdapter> {
  const header = await readJournalHeader(journal, options.journal ?? journal.path);
  if (options.platform !== undefined && options.platform !== header.adapter) {
    throw new CliInputError(
      '--platform',
      `the journal was written by the ${header.adapter} adapter, not ${options.platform}`,
    );
  }
  if (options.endpoint === undefined) throw new CliInputError('--endpoint', `is required to ${why}`);
  const platform = parsePlatformName(header.adapter);
  const credentials = await loadCredentials(platform, context.io.env, {
    cwd: context.io.cwd,
    ...(options.credentials ? { file: options.credentials } : {}),
  });
  const tls = await loadTlsOptions(options, context.io.env, context.io.cwd);
  return createPlatformAdapter(platform, options.endpoint, credentials, tuningFrom(options), tls);
}
