import { Command } from 'commander';
import type { CliContext } from './cli-context.js';

import { registerDemoCommand } from './commands/demo-command.js';
import { registerExplainCommand } from './commands/explain-command.js';
import { registerPlanCommand } from './commands/plan-command.js';
import { registerResumeCommand } from './commands/resume-command.js';
import { registerRunCommand } from './commands/run-command.js';
import { registerSchemaCommand } from './commands/schema-command.js';
import { registerSimulateCommand } from './commands/simulate-command.js';
import { registerListCommand } from './commands/list-command.js';
import { registerResultsCommand } from './commands/results-command.js';
import { registerRetryCommand } from './commands/retry-command.js';
import { registerStatusCommand } from './commands/status-command.js';
import { registerStopCommand } from './commands/stop-command.js';

import { registerValidateCommand } from './commands/validate-command.js';
import { registerMigrateCommand } from './commands/migrate-command.js';
import { registerSubmitCommand } from './commands/submit-command.js';
import { registerWorkerCommand } from './commands/worker-command.js';
import { redactOptionValues } from './redact-option-values.js';
import { requireOptionsAfterParsing } from './require-options-after-parsing.js';

/** The `fleetcast` command tree, writing to the context's streams and never exiting the process. */
export function createProgram(context: CliContext): Command {
  const program = new Command('fleetcast')
    .description(
      'Plan, run and watch device batch-task campaigns on Huawei IoT platforms (IoTDA v5 and legacy).',
    )
    .version('0.1.0')
    .showHelpAfterError('(run `fleetcast help` for the commands)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.io.stdout.write(text),
      writeErr: (text) => context.io.stderr.write(text),
      // An unknown `--token=abc` would otherwise be echoed whole; credentials never belong in arguments.
      outputError: (text, write) => write(redactOptionValues(text)),
    });
  program.configureHelp({ showGlobalOptions: true });
  program.addHelpText(
    'after',
    [
      '',
      'Examples:',
      '  fleetcast demo',
      '  fleetcast validate campaign.json --platform v5',
      '  fleetcast plan campaign.json --platform v5 --devices fleet.jsonl',
      '  fleetcast explain campaign.json meter_0042 --devices fleet.jsonl',
      '  fleetcast run campaign.json --platform legacy --endpoint https://host:8743 --journal runs/reboot.jsonl',
      '  fleetcast resume --journal runs/reboot.jsonl --endpoint https://host:8743',
      '',
      'Credentials come from FLEETCAST_* environment variables or --credentials <file>, never from arguments.',
      'Exit codes: 0 success, 1 finished with failures, 2 invalid input, 3 cancelled. Docs: docs/cli.md',
    ].join('\n'),
  );
  registerValidateCommand(program, context);
  registerPlanCommand(program, context);
  registerExplainCommand(program, context);
  registerRunCommand(program, context);
  registerResumeCommand(program, context);
  registerStatusCommand(program, context);
  registerListCommand(program, context);
  registerResultsCommand(program, context);
  registerStopCommand(program, context);
  registerRetryCommand(program, context);

  registerSimulateCommand(program, context);
  registerDemoCommand(program, context);
  registerSchemaCommand(program, context);
  registerMigrateCommand(program, context);
  registerSubmitCommand(program, context);
  registerWorkerCommand(program, context);
  // Subcommands inherit the parent's settings only when created after them; make sure they exit the same way.
  for (const command of program.commands) {
    command.exitOverride().configureOutput(program.configureOutput());
    requireOptionsAfterParsing(command);
  }
  return program;
}
