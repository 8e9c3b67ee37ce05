import { Command } from 'commander';
import type { CliContext } from './cli-context.js';

import { registerDemoCommand } from './commands/demo-command.js';
import { registerPlanCommand } from './commands/plan-command.js';
import { registerResumeCommand } from './commands/resume-command.js';
import { registerRunCommand } from './commands/run-command.js';
import { registerSchemaCommand } from './commands/schema-command.js';
import { registerSimulateCommand } from './commands/simulate-command.js';

import { registerValidateCommand } from './commands/validate-command.js';
import { redactOptionValues } from './redact-option-values.js';

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
  registerValidateCommand(program, context);
  registerPlanCommand(program, context);
  registerRunCommand(program, context);
  registerResumeCommand(program, context);

  registerSimulateCommand(program, context);
  registerDemoCommand(program, context);
  registerSchemaCommand(program, context);
  // Subcommands inherit the parent's settings only when created after them; make sure they exit the same way.
  for (const command of program.commands) {
    command.exitOverride().configureOutput(program.configureOutput());
  }
  return program;
}
