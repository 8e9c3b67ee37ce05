import { type FileHandle, mkdir, open, opendir, readFile, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import type { CampaignStore } from './campaign-store.js';
import { JournalCorruptError } from '../errors/journal-corrupt-error.js';
import { JournalWriteError } from '../errors/journal-write-error.js';
import type { JournalRecord } from './journal-record.js';
import { RunnerOptionError } from '../errors/runner-option-error.js';

/** Options of {@link FileCampaignStore}. */
export interface FileCampaignStoreOptions {
  /** Folder holding one `<campaignId>.jsonl` journal per campaign; created when missing. */
  directory: string;
}

const campaignIdPattern = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * A {@link CampaignStore} that survives the process: one append-only JSON-lines file per campaign.
 * Every append is written and `fdatasync`ed before it resolves, so a record the runner acted on is on
 * disk. A crash can cut the last line short; reading skips such a line and the next append first cuts
 * the file back to its last complete line.
 */
export class FileCampaignStore implements CampaignStore {
  readonly directory: string;
  private readonly handles = new Map<string, Promise<FileHandle>>();
  private readonly queues = new Map<string, Promise<void>>();

  constructor(options: FileCampaignStoreOptions) {
    if (typeof options?.directory !== 'string' || options.directory.length === 0) {
      throw new RunnerOptionError('directory', options?.directory, 'a non-empty folder path');
    }
    this.directory = options.directory;
  }

  /**
   * Appends one record, durably. Rejects with {@link JournalWriteError} when the record cannot be serialised
   * (too deep, a cycle, a BigInt) and with the file system's error when the disk refuses it.
   */
  append(campaignId: string, record: JournalRecord): Promise<void> {
    const path = this.pathOf(campaignId);
    let line: string;
    try {
      line = `${JSON.stringify(record)}\n`;
    } catch (error) {
      const detail = error instanceof RangeError ? 'nested too deep to serialise' : describeJsonError(error);
      return Promise.reject(
        new JournalWriteError(campaignId, String(record?.type), detail, { cause: error }),
      );
    }
    const previous = this.queues.get(campaignId) ?? Promise.resolve();
    const next = previous
      .catch(() => {})
      .then(async () => {
        const handle = await this.handle(campaignId, path);
        await handle.appendFile(line, 'utf8');
        await handle.datasync();
      });
    this.queues.set(campaignId, next);
    return next;
  }

  async *read(campaignId: string): AsyncIterable<JournalRecord> {
    const path = this.pathOf(campaignId);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const lines = text.split('\n');
    // A complete file ends with "\n", so the last element is "" or a line cut short by a crash.
    const complete = lines.slice(0, -1);
    for (const [position, line] of complete.entries()) {
      if (line.length === 0) continue;
      let record: JournalRecord;
      try {
        record = JSON.parse(line) as JournalRecord;
      } catch (error) {
        throw new JournalCorruptError(campaignId, position + 1, error);
      }
      if (typeof record !== 'object' || record === null || typeof record.type !== 'string') {
        throw new JournalCorruptError(campaignId, position + 1);
      }
      yield record;
    }
  }

  /** Every `<campaignId>.jsonl` in the folder (none when the folder does not exist); other files are ignored. */
  async *listCampaignIds(): AsyncIterable<string> {
    let entries: AsyncIterable<{ name: string; isFile(): boolean }>;
    try {
      entries = await opendir(this.directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for await (const entry of entries) {
      if (!entry.isFile() || !entry.name.endsWith('.jsonl')) continue;
      const campaignId = entry.name.slice(0, -'.jsonl'.length);
      if (campaignIdPattern.test(campaignId)) yield campaignId;
    }
  }

  async release(campaignId: string): Promise<void> {
    const handle = this.handles.get(campaignId);
    if (handle === undefined) return;
    await (this.queues.get(campaignId) ?? Promise.resolve()).catch(() => {});
    this.handles.delete(campaignId);
    this.queues.delete(campaignId);
    await (await handle).close();
  }

  /**
   * Closes every journal file this store holds open, after the appends under way. A run releases its own
   * campaign when it ends; call this when the store is done with (a test, a process that appended to
   * campaigns it did not run), so that no file handle is left for the garbage collector to close.
   */
  async close(): Promise<void> {
    await Promise.all([...this.handles.keys()].map((campaignId) => this.release(campaignId)));
  }

  private pathOf(campaignId: string): string {
    if (typeof campaignId !== 'string' || !campaignIdPattern.test(campaignId)) {
      throw new RunnerOptionError('campaignId', campaignId, 'letters, digits, _ and -, 1 to 128 characters');
    }
    return join(this.directory, `${campaignId}.jsonl`);
  }

  private handle(campaignId: string, path: string): Promise<FileHandle> {
    let handle = this.handles.get(campaignId);
    if (handle === undefined) {
      handle = this.openForAppend(path);
      this.handles.set(campaignId, handle);
      handle.catch(() => this.handles.delete(campaignId));
    }
    return handle;
  }

  private async openForAppend(path: string): Promise<FileHandle> {
    await mkdir(this.directory, { recursive: true });
    let existing: Buffer | undefined;
    try {
      existing = await readFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (existing !== undefined && existing.length > 0 && existing[existing.length - 1] !== 0x0a) {
      // Cut a crash's half-written line, or the next record would be glued to it.
      await truncate(path, existing.lastIndexOf(0x0a) + 1);
    }
    const handle = await open(path, 'a');
    if (existing === undefined) await syncDirectory(this.directory);
    return handle;
  }
}

/** Makes a new file's directory entry durable (a no-op where directories cannot be opened). */
async function syncDirectory(directory: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch {
    // Not supported on this platform: the file's own fsync still holds its contents.
  } finally {
    await handle?.close();
  }
}

/** The reason `JSON.stringify` gave, without the value (it may be large or hold secrets). */
function describeJsonError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/circular/i.test(message)) return 'it holds a cycle';
  if (/bigint/i.test(message)) return 'it holds a BigInt';
  return 'not serialisable as JSON';
}
