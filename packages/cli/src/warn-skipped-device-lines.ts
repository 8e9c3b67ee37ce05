import { type CliContext, printError } from './cli-context.js';
import { type DeviceFileDirectory, describeInvalidLines } from './device-file-directory.js';

/** Says on stderr which fleet-file lines `--skip-invalid-devices` leaves out (nothing when there is none). */
export function warnSkippedDeviceLines(context: CliContext, file: DeviceFileDirectory): void {
  if (file.invalid.count === 0) return;
  printError(
    context,
    `warning: leaving out ${file.invalid.count} device record(s) with an invalid ID (--skip-invalid-devices): ` +
      describeInvalidLines(file.invalid),
  );
}
