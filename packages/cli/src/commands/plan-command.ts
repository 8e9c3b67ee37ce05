import {
  type DeviceDirectory,
  PlanSummaryBuilder,
  planNotes,
  RefusedDeviceTally,
  planStream,
  type TaskPlanV1,
} from '@fleetcast/core';
import type { Command } from 'commander';
import { CliInputError } from '../cli-input-error.js';
import { type CliContext, printLine } from '../cli-context.js';
import { formatPlanSummary, listedTasks, planSummaryFigures } from '../format-plan-summary.js';
import { type DeviceFileDirectory, openDeviceFile } from '../device-file-directory.js';
import { listingDirectory } from '../listing-directory.js';
import { warnSkippedDeviceLines } from '../warn-skipped-device-lines.js';
import { loadValidCampaign } from '../load-valid-campaign.js';
import { loadCredentials } from '../load-credentials.js';
import { WaveTally } from '../wave-tally.js';
import { addTlsOptions, loadTlsOptions, type TlsFileOptions } from '../load-tls-options.js';
import { type ClosableAdapter, createPlatformAdapter, platformAdapterInfo } from '../platform-adapter.js';
import {
  addPlatformOptions,
  type PlatformOptions,
  positiveInteger,
  tuningFrom,
} from '../platform-options.js';

interface PlanCommandOptions extends PlatformOptions, TlsFileOptions {
  devices?: string;
  endpoint?: string;
  json?: boolean;
  taskMinutes: number;
  skipInvalidDevices?: boolean;
}

/**
 * `fleetcast plan <campaign.json> --platform … [--devices fleet.jsonl | --endpoint url] [--json]`:
 * plans without creating anything. Targets the platform cannot select natively are expanded through the
 * fleet file or, with `--endpoint`, the platform's own device list.
 */
export function registerPlanCommand(program: Command, context: CliContext): void {
  const command = program
    .command('plan')
    .description(
      'plan a campaign (tasks, native vs explicit, targets per task, minimum duration) without creating anything',
    )
    .argument('<campaign>', 'campaign JSON file');
  addTlsOptions(addPlatformOptions(command))
    .option('--devices <file>', 'fleet file: one JSON device record per line, used to expand targets')
    .option('--endpoint <url>', "expand targets through the platform's device API (needs credentials)")
    .option(
      '--task-minutes <minutes>',
      'how long one task runs, for the minimum duration',
      positiveInteger,
      30,
    )
    .option('--json', 'print the whole plan (every task with its device IDs or native selector) as JSON')
    .option(
      '--skip-invalid-devices',
      'leave out devices whose ID the platforms refuse (reported), instead of stopping',
    )
    .action(async (file: string, options: PlanCommandOptions) => {
      if (options.devices && options.endpoint) {
        throw new CliInputError('--devices', 'give either --devices or --endpoint, not both');
      }
      const tuning = tuningFrom(options);
      // Validated before anything reads a field of it (a file holding `null` or a rollout of the wrong shape).
      const campaign = await loadValidCampaign(
        file,
        context.io.cwd,
        await platformAdapterInfo(options.platform, tuning),
      );
      let adapter: ClosableAdapter | undefined;
      let directory: DeviceDirectory | undefined;
      let deviceFile: DeviceFileDirectory | undefined;
      if (options.endpoint) {
        const credentials = await loadCredentials(options.platform, context.io.env, {
          cwd: context.io.cwd,
          ...(options.credentials ? { file: options.credentials } : {}),
        });
        const tls = await loadTlsOptions(options, context.io.env, context.io.cwd);
        adapter = createPlatformAdapter(options.platform, options.endpoint, credentials, tuning, tls);
        // Listed as `run` lists: within the call budget, throttles waited out, progress on stderr.
        directory = listingDirectory(context, adapter, context.io.signal);
      } else if (options.devices) {
        // Read once: plan creates nothing, so the lines are checked while planning (run checks them first).
        deviceFile = await openDeviceFile(options.devices, context.io.cwd, {
          skipInvalidDevices: options.skipInvalidDevices === true,
          checkFirst: false,
        });
        directory = deviceFile;
      }
      try {
        const info = adapter
          ? { name: adapter.name, capabilities: adapter.capabilities }
          : await platformAdapterInfo(options.platform, tuning);
        // Streamed: only one chunk of IDs is held at a time, however large the fleet; the readable
        // summary keeps the first tasks it lists, `--json` writes each task as it comes.
        const summary = new PlanSummaryBuilder();
        const listed: TaskPlanV1[] = [];
        const waves = campaign.rollout ? new WaveTally(campaign.rollout) : undefined;
        const refused = new RefusedDeviceTally();
        let written = 0;
        for await (const task of planStream(campaign, {
          adapter: info,
          skipInvalidDevices: options.skipInvalidDevices === true,
          onDeviceRefused: refused.receive,
          ...(directory ? { directory } : {}),
          ...(context.io.signal ? { signal: context.io.signal } : {}),
        })) {
          summary.add(task);
          waves?.add(task);
          if (!options.json) {
            if (listed.length < listedTasks) listed.push(task);
            continue;
          }
          const prefix = written === 0 ? `{"platform":${JSON.stringify(options.platform)},"tasks":[` : ',';
          context.io.stdout.write(`${prefix}\n${JSON.stringify(task)}`);
          written++;
        }
        if (deviceFile) {
          await deviceFile.checkUnread();
          warnSkippedDeviceLines(context, deviceFile);
        }
        const built = summary.build();
        // Why a native selector was expanded (rollout waves, exclusions): the platform cannot say it.
        const notes = planNotes(campaign, info.capabilities.nativeSelectors);
        const figures = planSummaryFigures(built, info.capabilities, options.taskMinutes);
        if (options.json) {
          const head = written === 0 ? `{"platform":${JSON.stringify(options.platform)},"tasks":[` : '';
          const perWave = waves ? { waves: waves.list() } : {};
          printLine(
            context,
            `${head}\n],"summary":${JSON.stringify({ ...built, ...figures, ...perWave, notes, refused: refused.refused })}}`,
          );
        } else {
          printLine(
            context,
            formatPlanSummary(
              campaign.name,
              options.platform,
              { tasks: listed, summary: built, notes, refused: refused.refused },
              figures,
              waves?.list(),
            ),
          );
        }
      } finally {
        await adapter?.close?.();
      }
    });
}
