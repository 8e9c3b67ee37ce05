import { FleetcastError } from '@fleetcast/core';

const marker = Symbol.for('fleetcast.error.CliInputError');

/**
 * Bad input given to the command line: a missing or unreadable file, malformed JSON, an unknown option
 * value, missing credentials. The CLI prints the message and exits with code 2. The message names the
 * file or option and what was expected; it never contains a credential.
 */
export class CliInputError extends FleetcastError {
  protected readonly [marker] = true;
  /** The file path or option the problem is about, e.g. `fleet.jsonl:12` or `--platform`. */
  readonly where: string;

  constructor(where: string, message: string, options?: { cause?: unknown }) {
    super('FLEETCAST_CLI_INPUT', `${where}: ${message}`, options);
    this.name = 'CliInputError';
    this.where = where;
  }

  /** True when `value` is a CliInputError from any copy of this package (its own marker, not the base's). */
  static override isInstance(value: unknown): value is CliInputError {
    return FleetcastError.hasMarker(value, marker);
  }
}
