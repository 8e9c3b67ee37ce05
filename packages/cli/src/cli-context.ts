import type { CliIo } from './cli-io.js';
import { ExitCode, type ExitCodeValue } from './exit-code.js';

/** What every command's action gets: the I/O to use and a place for its exit code. */
export interface CliContext {
  readonly io: CliIo;
  exitCode: ExitCodeValue;
}

/** A fresh context whose exit code starts at 0. */
export function createCliContext(io: CliIo): CliContext {
  return { io, exitCode: ExitCode.ok };
}

/** Writes one line to stdout. */
export function printLine(context: CliContext, text = ''): void {
  context.io.stdout.write(`${text}\n`);
}

/** Writes one line to stderr (diagnostics, progress lines, hints). */
export function printError(context: CliContext, text: string): void {
  context.io.stderr.write(`${text}\n`);
}
