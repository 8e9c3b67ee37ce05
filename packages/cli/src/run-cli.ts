import { type CampaignValidationError, FleetcastError, PlatformError } from '@fleetcast/core';
import { CommanderError } from 'commander';
import { CliInputError } from './cli-input-error.js';
import type { CliIo } from './cli-io.js';
import { createCliContext, printError } from './cli-context.js';
import { createProgram } from './create-program.js';
import { cliWording } from './cli-wording.js';
import { ExitCode, type ExitCodeValue } from './exit-code.js';
import { formatValidationIssue } from './format-validation-issue.js';

/**
 * Runs the `fleetcast` command with `argv` (the arguments after the program name) and returns the exit
 * code: 0 success, 1 finished with failures, 2 invalid input, 3 cancelled. Never calls `process.exit`,
 * so tests and embedding programs can call it directly.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCodeValue> {
  const context = createCliContext(io);
  const program = createProgram(context);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    return reportFailure(context, error);
  }
}

function reportFailure(context: ReturnType<typeof createCliContext>, error: unknown): ExitCodeValue {
  if (error instanceof CommanderError) {
    // Commander has printed its own message already (help, version, or a usage error).
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.invalidInput;
  }
  if (isCampaignValidationError(error)) {
    for (const issue of error.issues) printError(context, formatValidationIssue(issue));
    return ExitCode.invalidInput;
  }
  if (error instanceof CliInputError) {
    printError(context, `fleetcast: ${error.message}`);
    return ExitCode.invalidInput;
  }
  if (PlatformError.isInstance(error)) {
    printError(context, `fleetcast: the platform call failed: ${error.message} (${error.code})`);
    return ExitCode.failures;
  }
  if (FleetcastError.isInstance(error)) {
    // fleetcast's other errors are raised on purpose for bad input or settings (e.g. a target that
    // needs a device directory when none was given).
    printError(context, `fleetcast: ${cliWording(error.message)} (${error.code})`);
    return ExitCode.invalidInput;
  }
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  printError(context, `fleetcast: unexpected error: ${text}`);
  return ExitCode.failures;
}

/** By stable code rather than `instanceof`, so that a second copy of core in node_modules still matches. */
function isCampaignValidationError(error: unknown): error is CampaignValidationError {
  return (
    FleetcastError.isInstance(error) &&
    error.code === 'FLEETCAST_INVALID_CAMPAIGN' &&
    Array.isArray((error as Partial<CampaignValidationError>).issues)
  );
}
