import { FleetcastError } from '@fleetcast/core';

/**
 * Bad input given to the command line: a missing or unreadable file, malformed JSON, an unknown option
 * value, missing credentials. The CLI prints the message and exits with code 2. The message names the
 * file or option and what was expected; it never contains a credential.
 */
export class CliInputError extends FleetcastError {
  /** The file path or option the problem is about, e.g. `fleet.jsonl:12` or `--platform`. */
  readonly where: string;

  constructor(where: string, message: string, options?: { cause?: unknown }) {
    super('FLEETCAST_CLI_INPUT', `${where}: ${message}`, options);
    this.name = 'CliInputError';
    this.where = where;
  }
}
