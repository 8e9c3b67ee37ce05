import type { CliIo } from '../cli-io.js';
import type { ProgressView } from './campaign-event-source.js';
import { LogLineProgressView } from './log-line-progress-view.js';
import { TerminalProgressView } from './terminal-progress-view.js';

/** `--progress`: `auto` draws bars on a terminal and prints lines otherwise. */
export const progressModes = ['auto', 'bars', 'lines', 'none'] as const;

/** One of {@link progressModes}. */
export type ProgressMode = (typeof progressModes)[number];

/**
 * The progress view for a run, on stderr. `auto` picks bars only when stderr is a terminal and the
 * `CI` variable is unset (CI logs keep every redraw, so they get plain lines).
 */
export function chooseProgressView(mode: ProgressMode, io: CliIo): ProgressView | undefined {
  if (mode === 'none') return undefined;
  const terminal = io.stderr.isTTY === true && !io.env.CI;
  if (mode === 'bars' || (mode === 'auto' && terminal)) return new TerminalProgressView(io.stderr);
  return new LogLineProgressView(io.stderr);
}
