import { readdirSync, readlinkSync } from 'node:fs';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type CampaignStore,
  createVirtualClock,
  FileCampaignStore,
  JournalCorruptError,
  type JournalRecord,
  JournalWriteError,
  MemoryCampaignStore,
  RunnerOptionError,
  runCampaign,
} from '../src/index.js';
import { createMemoryAdapter } from '../src/testing/index.js';
import { deviceCampaign } from './__test-helpers__/runner-test-kit.js';

const intent = (index: number): JournalRecord => ({
  type: 'task-intent',
  index,
  name: `t_part${index + 1}`,
  attempt: 1,
  at: index,
});
const created = (index: number): JournalRecord => ({
  type: 'task-created',
  index,
  name: `t_part${index + 1}`,
  taskId: `id${index}`,
  via: 'create',
  at: index,
});

async function readAll(store: CampaignStore, campaignId: string): Promise<JournalRecord[]> {
  const records: JournalRecord[] = [];
  for await (const record of store.read(campaignId)) records.push(record);
  return records;
}

let directory: string;
/** File stores a test made: closed after it, and then no file of the folder may still be open. */
let fileStores: FileCampaignStore[] = [];
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'fleetcast-store-'));
  fileStores = [];
});
afterEach(async () => {
  await Promise.all(fileStores.map((store) => store.close()));
  expect(openFilesIn(directory)).toEqual([]);
  await rm(directory, { recursive: true, force: true });
});

/** Files under `folder` this process holds open, read from /proc (Linux, where the tests run). */
function openFilesIn(folder: string): string[] {
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      return target.startsWith(folder) ? [target] : [];
    } catch {
      return []; // closed while listing (the fd of the listing itself)
    }
  });
}

function fileStore(): FileCampaignStore {
  const store = new FileCampaignStore({ directory });
  fileStores.push(store);
  return store;
}

describe('FileCampaignStore file handles', () => {
  it('closes what it opens: release closes a campaign file, close closes every one', async () => {
    const store = new FileCampaignStore({ directory });
    for (const campaignId of ['a', 'b', 'c']) await store.append(campaignId, intent(0));
    expect(openFilesIn(directory)).toHaveLength(3);
    await store.release('a');
    expect(openFilesIn(directory).map((path) => path.slice(directory.length))).toEqual([
      '/b.jsonl',
      '/c.jsonl',
    ]);
    const pending = store.append('b', created(0));
    await store.close();
    await pending;
    expect(openFilesIn(directory)).toEqual([]);
    // A closed store opens again on the next append, and closes again.
    await store.append('b', intent(1));
    await store.close();
    expect(openFilesIn(directory)).toEqual([]);
    expect(await readAll(store, 'b')).toEqual([intent(0), created(0), intent(1)]);
  });

  it('a run leaves no journal file open, whether it completed or was cancelled', async () => {
    const store = new FileCampaignStore({ directory });
    const clock = createVirtualClock();
    const adapter = createMemoryAdapter({
      clock,
      capabilities: { maxTargetsPerTask: 5 },
      taskDurationMs: 60_000,
    });
    const done = await runCampaign(deviceCampaign(12), { adapter, clock, store, campaignId: 'done' }).result;
    expect(done.status).toBe('completed');
    const stop = new AbortController();
    const run = runCampaign(deviceCampaign(12, 'other'), {
      adapter,
      clock,
      store,
      campaignId: 'stopped',
      signal: stop.signal,
    });
    run.on('task-created', () => stop.abort());
    expect((await run.result).status).toBe('cancelled');
    expect(openFilesIn(directory)).toEqual([]);
  });
});

describe.each([
  ['memory', () => new MemoryCampaignStore()],
  ['file', fileStore],
])('%s campaign store', (_name, makeStore) => {
  it('reads back every record in append order, per campaign', async () => {
    const store: CampaignStore = makeStore();
    const records = [intent(0), created(0), intent(1), created(1)];
    for (const record of records) await store.append('a', record);
    await store.append('b', intent(7));
    expect(await readAll(store, 'a')).toEqual(records);
    expect(await readAll(store, 'b')).toEqual([intent(7)]);
    expect(await readAll(store, 'missing')).toEqual([]);
    await store.release?.('a');
  });

  it('keeps appends in call order even when not awaited one by one', async () => {
    const store: CampaignStore = makeStore();
    const records = Array.from({ length: 50 }, (_, index) => intent(index));
    await Promise.all(records.map((record) => store.append('c', record)));
    expect(await readAll(store, 'c')).toEqual(records);
  });
});

describe('file campaign store', () => {
  it('writes one JSON line per record', async () => {
    const store = fileStore();
    await store.append('x', intent(0));
    await store.append('x', created(0));
    const text = await readFile(join(directory, 'x.jsonl'), 'utf8');
    expect(text.split('\n')).toEqual([JSON.stringify(intent(0)), JSON.stringify(created(0)), '']);
  });

  it('skips a last line cut short by a crash, and cuts it off before the next append', async () => {
    const path = join(directory, 'torn.jsonl');
    await writeFile(path, `${JSON.stringify(intent(0))}\n${JSON.stringify(created(0)).slice(0, 17)}`);
    const store = fileStore();
    expect(await readAll(store, 'torn')).toEqual([intent(0)]);
    await store.append('torn', intent(1));
    expect(await readAll(store, 'torn')).toEqual([intent(0), intent(1)]);
    expect(await readFile(path, 'utf8')).toBe(`${JSON.stringify(intent(0))}\n${JSON.stringify(intent(1))}\n`);
  });

  it('refuses a damaged line that is not the last with JournalCorruptError naming the line', async () => {
    const path = join(directory, 'bad.jsonl');
    await writeFile(path, `${JSON.stringify(intent(0))}\n{oops\n`);
    await appendFile(path, `${JSON.stringify(intent(1))}\n`);
    const store = fileStore();
    const reading = readAll(store, 'bad');
    await expect(reading).rejects.toThrow(JournalCorruptError);
    await expect(readAll(store, 'bad')).rejects.toThrow('line 2 is not a journal record');
  });

  it('refuses campaign IDs that could leave the folder', async () => {
    const store = fileStore();
    expect(() => store.append('../evil', intent(0))).toThrow(RunnerOptionError);
    expect(() => store.append('../evil', intent(0))).toThrow(
      'campaignId: "../evil" is not allowed (letters, digits, _ and -, 1 to 128 characters)',
    );
  });
});

describe('FileCampaignStore: records it cannot serialise', () => {
  const deep = (levels: number) => {
    let value: unknown = 1;
    for (let level = 0; level < levels; level++) value = { k: value };
    return value;
  };
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  it.each([
    ['nested past the stack', deep(200_000), /nested too deep to serialise/],
    ['a cycle', cyclic, /it holds a cycle/],
    ['a BigInt', 10n, /it holds a BigInt/],
  ])(
    'rejects %s with a typed JournalWriteError and keeps the journal usable',
    async (_what, value, reason) => {
      const store = new FileCampaignStore({ directory });
      const record = {
        type: 'campaign-started',
        journalVersion: 1,
        campaignId: 'c',
        campaign: { name: 'c', paras: value },
        adapter: 'memory',
        at: 0,
      } as unknown as JournalRecord;
      const error = await store.append('c', record).catch((caught: unknown) => caught);
      expect(JournalWriteError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ code: 'FLEETCAST_JOURNAL_WRITE_FAILED', recordType: 'campaign-started' });
      expect((error as Error).message).toMatch(reason);
      await store.append('c', intent(0));
      expect(await readAll(store, 'c')).toEqual([intent(0)]);
      await store.release('c');
    },
  );
});
