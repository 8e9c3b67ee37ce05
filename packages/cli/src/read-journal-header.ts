import { open } from 'node:fs/promises';
import { CliInputError } from './cli-input-error.js';
import type { JournalLocation } from './journal-location.js';
import { describeFsError } from './read-campaign-file.js';

/** What `resume` needs to know before it builds an adapter: which platform the journal's run used. */
export interface JournalHeader {
  adapter: string;
  campaignName: string;
  /** The campaign's `policy.retryInterval`, when it has one. */
  retryIntervalMinutes?: number;
}

/** Longest first line read; the first record holds the whole campaign, which may list 30,000 IDs or more. */
const maxHeaderBytes = 64 * 1024 * 1024;

/**
 * Reads the first record of a journal (`campaign-started`) for the adapter name and campaign name.
 * A missing, empty or foreign file is a {@link CliInputError}.
 */
export async function readJournalHeader(
  location: JournalLocation,
  shownPath: string,
): Promise<JournalHeader> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(location.path, 'r');
  } catch (error) {
    throw new CliInputError(shownPath, `cannot read the journal (${describeFsError(error)})`);
  }
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    const buffer = Buffer.alloc(64 * 1024);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, size);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      const newline = chunk.indexOf(10);
      chunks.push(Buffer.from(newline >= 0 ? chunk.subarray(0, newline) : chunk));
      size += bytesRead;
      if (newline >= 0 || size > maxHeaderBytes) break;
    }
    const first = Buffer.concat(chunks).toString('utf8');
    let record: unknown;
    try {
      record = JSON.parse(first);
    } catch {
      throw new CliInputError(shownPath, 'is not a fleetcast journal (its first line is not a JSON record)');
    }
    const header = record as {
      type?: unknown;
      adapter?: unknown;
      campaign?: { name?: unknown; policy?: { retryInterval?: unknown } };
    };
    if (header.type !== 'campaign-started' || typeof header.adapter !== 'string') {
      throw new CliInputError(shownPath, 'is not a fleetcast journal (no campaign-started record first)');
    }
    const retryInterval = header.campaign?.policy?.retryInterval;
    return {
      adapter: header.adapter,
      campaignName: String(header.campaign?.name ?? ''),
      ...(typeof retryInterval === 'number' ? { retryIntervalMinutes: retryInterval } : {}),
    };
  } finally {
    await handle.close();
  }
}
