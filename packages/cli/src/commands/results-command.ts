import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import {
  type CampaignResultsProgress,
  campaignResults,
  type DeviceResult,
  type DeviceResultState,
  deviceResultStates,
  FileCampaignStore,
} from '@fleetcast/core';
import { SingleBar } from 'cli-progress';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { type CliContext, printError } from '../cli-context.js';
import type { TextSink } from '../cli-io.js';
import { openDeviceFile } from '../device-file-directory.js';
import {
  addOperateOptions,
  type OperateOptions,
  openJournalPlatform,
  operatedJournal,
} from '../operate-options.js';
import { formatCount } from '../progress/format-number.js';

/** The CSV columns, in order (one row per device). */
export const resultColumns = [
  'deviceId',
  'state',
  'errorCode',
  'errorMessage',
  'attempts',
  'taskIndex',
  'taskName',
  'taskId',
  'wave',
  'lastSeenAt',
] as const;

/**
 * `fleetcast results <campaign | --journal file> [--state failed,timedOut] [--format jsonl|csv] [--out file]`:
 * one line per targeted device, its latest outcome, paged from the platform through the call budget.
 */
export function registerResultsCommand(program: Command, context: CliContext): void {
  const command = program
    .command('results')
    .description(
      'one line per targeted device with its latest outcome (pages the platform within its rate limit)',
    )
    .argument('[campaign]', 'campaign ID (its journal is <journal-dir>/<id>.jsonl)')
    .option(
      '--state <states>',
      `only these states, comma-separated (${deviceResultStates.join(', ')})`,
      parseStates,
    )
    .addOption(new Option('--format <format>', 'output format').choices(['jsonl', 'csv']).default('jsonl'))
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--devices <file>', 'fleet file the campaign was run with (for devices of tasks never created)');
  addOperateOptions(command).action(
    async (
      campaign: string | undefined,
      options: OperateOptions & {
        state?: DeviceResultState[];
        format: 'jsonl' | 'csv';
        out?: string;
        devices?: string;
      },
    ) => {
      const journal = operatedJournal(context, campaign, options);
      const adapter = await openJournalPlatform(context, journal, options, 'read the devices’ results');
      const file =
        options.out === undefined ? undefined : createWriteStream(resolve(context.io.cwd, options.out));
      const sink: TextSink = file ?? context.io.stdout;
      const bar = progressBar(context);
      try {
        const directory = options.devices ? await openDeviceFile(options.devices, context.io.cwd) : undefined;
        let rows = 0;
        if (options.format === 'csv') sink.write(stringify([[...resultColumns]]));
        for await (const device of campaignResults(journal.campaignId, {
          adapter,
          store: new FileCampaignStore({ directory: journal.directory }),
          ...(options.state ? { states: options.state } : {}),
          ...(directory ? { directory } : {}),
          ...(context.io.signal ? { signal: context.io.signal } : {}),
          onProgress: (progress) => bar.update(progress),
        })) {
          rows += 1;
          sink.write(options.format === 'csv' ? stringify([csvRow(device)]) : `${JSON.stringify(device)}\n`);
        }
        bar.stop();
        if (options.out !== undefined)
          printError(context, `${formatCount(rows)} device(s) written to ${options.out}`);
      } finally {
        bar.stop();
        if (file !== undefined) await new Promise<void>((done) => file.end(done));
        await adapter.close?.();
      }
    },
  );
}

function csvRow(device: DeviceResult): (string | number)[] {
  return [
    device.deviceId,
    device.state,
    device.error?.code ?? '',
    device.error?.message ?? '',
    device.attempts,
    device.index,
    device.name,
    device.taskId ?? '',
    device.wave ?? '',
    new Date(device.lastSeenAt).toISOString(),
  ];
}

/** Commander parser for `--state failed,timedOut`. */
export function parseStates(value: string): DeviceResultState[] {
  const states = value
    .split(',')
    .map((state) => state.trim())
    .filter((state) => state !== '');
  const unknown = states.filter((state) => !deviceResultStates.includes(state as DeviceResultState));
  if (states.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(
      `expected states among ${deviceResultStates.join(', ')}; got ${JSON.stringify(unknown.join(',') || value)}.`,
    );
  }
  return states as DeviceResultState[];
}

/** A bar of tasks read on a terminal's stderr; nothing elsewhere (stdout may be the results). */
function progressBar(context: CliContext): { update(progress: CampaignResultsProgress): void; stop(): void } {
  if (context.io.stderr.isTTY !== true) return { update() {}, stop() {} };
  const bar = new SingleBar({
    stream: context.io.stderr as unknown as NodeJS.WritableStream,
    format: 'results [{bar}] {value}/{total} tasks read | {devices} devices | {pages} pages',
    hideCursor: true,
    clearOnComplete: true,
  });
  let started = false;
  let stopped = false;
  return {
    update(progress) {
      if (stopped) return;
      if (!started) {
        bar.start(Math.max(1, progress.tasks), 0, { devices: 0, pages: 0 });
        started = true;
      }
      bar.update(progress.tasksRead, { devices: progress.devices, pages: progress.pages });
    },
    stop() {
      if (started && !stopped) bar.stop();
      stopped = true;
    },
  };
}
