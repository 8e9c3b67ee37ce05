import {
  assignWave,
  type Campaign,
  type DeviceDirectory,
  type DeviceRecord,
  explainDevice,
} from '@fleetcast/core';
import type { Command } from 'commander';
import { CliInputError } from '../cli-input-error.js';
import { type CliContext, printLine } from '../cli-context.js';
import { openDeviceFile } from '../device-file-directory.js';
import { listingDirectory } from '../listing-directory.js';
import { ExitCode } from '../exit-code.js';
import { formatValidationIssue } from '../format-validation-issue.js';
import { loadCampaign } from '../load-campaign.js';
import { checkCampaignDocument } from '../load-valid-campaign.js';
import { loadCredentials } from '../load-credentials.js';
import { addTlsOptions, loadTlsOptions, type TlsFileOptions } from '../load-tls-options.js';
import { type ClosableAdapter, createPlatformAdapter } from '../platform-adapter.js';
import { addPlatformOptions, type PlatformOptions, tuningFrom } from '../platform-options.js';

interface ExplainOptions extends Partial<PlatformOptions>, TlsFileOptions {
  devices?: string;
  endpoint?: string;
  json?: boolean;
}

/** The record of `deviceId` in a full listing, or undefined. Reads batch by batch; stops at the first hit. */
async function findRecord(
  directory: DeviceDirectory,
  deviceId: string,
  signal: AbortSignal | undefined,
): Promise<DeviceRecord | undefined> {
  for await (const batch of directory.devices({ type: 'Broadcast' }, signal ? { signal } : {})) {
    const record = batch.find((candidate) => candidate.id === deviceId);
    if (record !== undefined) return record;
  }
  return undefined;
}

/**
 * True when the device's ID alone decides whether the campaign targets it: an exclusion, a `DeviceList`, or
 * `Broadcast`. Every other target is judged on the device's record (type, area, groups, facts).
 */
export function decidableById(campaign: Campaign, deviceId: string): boolean {
  const { target } = campaign;
  return target.exclude?.includes(deviceId) === true || ['DeviceList', 'Broadcast'].includes(target.type);
}

/**
 * Without a device source a record-based target cannot be judged: say so (exit 2, the input does not
 * suffice) instead of judging an empty record, and still give the bucket and wave, which need only the ID.
 */
function reportUndecidable(context: CliContext, campaign: Campaign, deviceId: string, json: boolean): void {
  const rollout = campaign.rollout ? assignWave(campaign, deviceId) : undefined;
  const message = `cannot tell without a device source: a ${campaign.target.type} target is decided by the device's record (${recordFieldsOf(campaign.target.type)}); give --devices <fleet file> or --endpoint <url> with --platform`;
  context.exitCode = ExitCode.invalidInput;
  if (json) {
    printLine(
      context,
      JSON.stringify(
        {
          deviceId,
          decided: false,
          reason: 'no-device-source',
          message,
          ...(rollout ? { bucket: rollout.bucket } : {}),
          ...(rollout?.wave === undefined ? {} : { wave: rollout.wave, waveNumber: rollout.wave + 1 }),
        },
        null,
        2,
      ),
    );
    return;
  }
  const wave =
    rollout === undefined
      ? ''
      : rollout.wave === undefined
        ? `\n  if targeted: bucket ${rollout.bucket}, beyond the last wave`
        : `\n  if targeted: bucket ${rollout.bucket}, wave ${rollout.wave + 1} of ${campaign.rollout?.waves.length}`;
  printLine(context, `${deviceId}: "${campaign.name}": ${message}${wave}`);
}

function recordFieldsOf(type: Campaign['target']['type']): string {
  if (type === 'DeviceType') return 'its deviceType';
  if (type === 'DeviceArea') return 'its location';
  if (type === 'GroupList') return 'its groupNames';
  if (type === 'GroupIdList' || type === 'Filter') return 'its groupIds';
  return 'its fields and facts';
}

/**
 * `fleetcast explain <campaign.json> <deviceId> [--devices fleet.jsonl | --endpoint url --platform …]`:
 * says why a device is or is not targeted (exclusion, list, selector, the deciding rule conditions with
 * the values they saw) and, with a rollout, its bucket and wave. Without a device source only the ID is
 * known, which is enough for DeviceList targets and for the bucket.
 */
export function registerExplainCommand(program: Command, context: CliContext): void {
  const command = program
    .command('explain')
    .description('say why a device is or is not targeted by a campaign, and its rollout bucket and wave')
    .argument('<campaign>', 'campaign JSON file')
    .argument('<deviceId>', 'the device to explain');
  addTlsOptions(addPlatformOptions(command, { platformOptional: true }))
    .option('--devices <file>', 'fleet file: one JSON device record per line, where the device is looked up')
    .option(
      '--endpoint <url>',
      "look the device up through the platform's device API (needs --platform and credentials)",
    )
    .option('--json', 'print the explanation as JSON')
    .action(async (file: string, deviceId: string, options: ExplainOptions) => {
      if (options.devices && options.endpoint) {
        throw new CliInputError('--devices', 'give either --devices or --endpoint, not both');
      }
      const input = await loadCampaign(file, context.io.cwd);
      const issues = checkCampaignDocument(file, input);
      if (issues.length > 0) {
        for (const issue of issues) printLine(context, formatValidationIssue(issue));
        context.exitCode = ExitCode.invalidInput;
        return;
      }
      const campaign = input as Campaign;
      let adapter: ClosableAdapter | undefined;
      let record: DeviceRecord | undefined;
      let source = 'no device source (only the ID is known)';
      try {
        if (options.endpoint) {
          if (!options.platform)
            throw new CliInputError('--platform', 'is needed with --endpoint (v5 or legacy)');
          const credentials = await loadCredentials(options.platform, context.io.env, {
            cwd: context.io.cwd,
            ...(options.credentials ? { file: options.credentials } : {}),
          });
          const tls = await loadTlsOptions(options, context.io.env, context.io.cwd);
          adapter = createPlatformAdapter(
            options.platform,
            options.endpoint,
            credentials,
            tuningFrom(options),
            tls,
          );
          const directory = listingDirectory(context, adapter, context.io.signal);
          if (directory === undefined) {
            throw new CliInputError('--endpoint', `the ${options.platform} adapter cannot list devices`);
          }
          record = await findRecord(directory, deviceId, context.io.signal);
          source = `${options.platform} platform device list`;
        } else if (options.devices) {
          record = await findRecord(
            await openDeviceFile(options.devices, context.io.cwd),
            deviceId,
            context.io.signal,
          );
          source = options.devices;
        } else {
          record = { id: deviceId };
        }
      } finally {
        await adapter?.close?.();
      }
      if (!options.devices && !options.endpoint && !decidableById(campaign, deviceId)) {
        reportUndecidable(context, campaign, deviceId, options.json === true);
        return;
      }
      if (record === undefined) {
        const text = `${deviceId}: not found in ${source}, so not targeted by "${campaign.name}"`;
        printLine(context, options.json ? JSON.stringify({ deviceId, found: false, source }) : text);
        context.exitCode = ExitCode.failures;
        return;
      }
      const explanation = explainDevice(campaign, record);
      if (options.json) {
        // `wave` is 0-based like every JSON `wave`; `waveNumber` is the 1-based number the text shows.
        const waveNumber = explanation.wave === undefined ? {} : { waveNumber: explanation.wave + 1 };
        printLine(context, JSON.stringify({ found: true, source, ...explanation, ...waveNumber }, null, 2));
        return;
      }
      const wave =
        explanation.wave === undefined || !campaign.rollout
          ? ''
          : `, wave ${explanation.wave + 1} of ${campaign.rollout.waves.length}`;
      printLine(
        context,
        [
          `${deviceId}: ${explanation.targeted ? 'targeted' : 'not targeted'} by "${campaign.name}" (${explanation.reason}${wave})`,
          `  ${explanation.message}`,
          `  device record from: ${source}`,
        ].join('\n'),
      );
    });
}
