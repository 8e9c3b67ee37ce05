#!/usr/bin/env node
import { processIo } from './cli-io.js';
import { runCli } from './run-cli.js';

// Ctrl-C (or SIGTERM) asks the running command to stop cleanly: `run` finishes recording what it created
// and says how to resume. A second Ctrl-C quits at once.
const stop = new AbortController();
let interrupts = 0;
const onSignal = (signal: NodeJS.Signals) => {
  interrupts++;
  if (interrupts > 1) {
    // Progress bars hide the cursor; give it back before leaving in a hurry.
    if (process.stderr.isTTY) process.stderr.write('\x1b[?25h\n');
    process.exit(130);
  }
  process.stderr.write(
    `\nfleetcast: ${signal} received, stopping cleanly (press Ctrl-C again to quit at once)\n`,
  );
  stop.abort(new Error(`${signal} received`));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

process.exitCode = await runCli(process.argv.slice(2), processIo(stop.signal));
process.off('SIGINT', onSignal);
process.off('SIGTERM', onSignal);
