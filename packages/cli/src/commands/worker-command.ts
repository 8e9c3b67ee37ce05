import { createCampaignWorker } from '@fleetcast/postgres';
import type { Command } from 'commander';
import { CliInputError } from '../cli-input-error.js';
import { type CliContext, printError } from '../cli-context.js';
import {
  addDatabaseOption,
  type DatabaseOptions,
  databaseUrlFrom,
  openDatabasePool,
} from '../database-options.js';
import { loadCredentials } from '../load-credentials.js';
import { addTlsOptions, loadTlsOptions, type TlsFileOptions } from '../load-tls-options.js';
import { createPlatformAdapter } from '../platform-adapter.js';
import { addPlatformOptions, integerFrom, type PlatformOptions, tuningFrom } from '../platform-options.js';

interface WorkerOptions extends PlatformOptions, TlsFileOptions, DatabaseOptions {
  endpoint: string;
  concurrency?: number;
  leaseTtl?: number;
  pollInterval?: number;
}

/**
 * `fleetcast worker --database-url … --platform … --endpoint …`: one replica's campaign worker. Claims
 * submitted campaigns and campaigns whose lease expired, drives them, and on Ctrl-C / SIGTERM stops
 * cleanly and releases its leases (docs/replicas.md).
 */
export function registerWorkerCommand(program: Command, context: CliContext): void {
  const command = program
    .command('worker')
    .description(
      'run a campaign worker: drive campaigns submitted to the database, take over from crashed replicas',
    );
  addDatabaseOption(
    addTlsOptions(addPlatformOptions(command).requiredOption('--endpoint <url>', 'platform base URL')),
  )
    .option('--concurrency <campaigns>', 'campaigns driven at once, 1–1000 (default 4)', integerFrom(1, 1000))
    .option(
      '--lease-ttl <ms>',
      'lease length, 1000–3600000 ms (default 30000)',
      integerFrom(1_000, 3_600_000),
    )
    .option(
      '--poll-interval <ms>',
      'how often to look for campaigns, 50–600000 ms (default 1000)',
      integerFrom(50, 600_000),
    )
    .action(async (options: WorkerOptions) => {
      const url = databaseUrlFrom(options, context.io.env);
      if (url === undefined)
        throw new CliInputError('--database-url', 'is required (or FLEETCAST_DATABASE_URL)');
      const credentials = await loadCredentials(options.platform, context.io.env, {
        cwd: context.io.cwd,
        ...(options.credentials ? { file: options.credentials } : {}),
      });
      const tls = await loadTlsOptions(options, context.io.env, context.io.cwd);
      const adapter = createPlatformAdapter(
        options.platform,
        options.endpoint,
        credentials,
        tuningFrom(options),
        tls,
      );
      const pool = openDatabasePool(url);
      try {
        const worker = createCampaignWorker({
          pool,
          adapters: { [options.platform]: adapter },
          ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
          ...(options.leaseTtl === undefined ? {} : { leaseTtlMs: options.leaseTtl }),
          ...(options.pollInterval === undefined ? {} : { pollIntervalMs: options.pollInterval }),
          onRun: (run, lease) => {
            printError(context, `claimed ${lease.campaignId} (epoch ${lease.epoch})`);
            run.on('campaign-finished', (event) =>
              printError(context, `finished ${lease.campaignId}: ${event.report.status}`),
            );
          },
          onLeaseLost: (campaignId, epoch) =>
            printError(context, `lease of ${campaignId} (epoch ${epoch}) taken by another replica`),
          onError: (error) =>
            printError(context, `worker: ${(error as Error).name}: ${(error as Error).message}`),
        });
        printError(
          context,
          `worker ${worker.workerId} running (Ctrl-C or SIGTERM stops it and releases its leases)`,
        );
        await new Promise<void>((resolve) => {
          if (context.io.signal === undefined) return;
          if (context.io.signal.aborted) resolve();
          context.io.signal.addEventListener('abort', () => resolve(), { once: true });
        });
        await worker.stop();
        printError(context, 'worker stopped; leases released');
      } finally {
        await pool.end();
        await adapter.close?.();
      }
    });
}
