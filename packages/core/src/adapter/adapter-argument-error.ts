import { FleetcastError } from '../errors/fleetcast-error.js';

/**
 * An adapter, its transport or one of its calls got a value it cannot work with: a plain-http URL to a
 * remote host, a missing credential, a page size over the platform's limit. `field` names the setting or
 * argument; the message names the limit and never contains a secret.
 */
export class AdapterArgumentError extends FleetcastError {
  /** The setting or argument at fault, e.g. `baseUrl` or `pageSize`. */
  readonly field: string;

  constructor(field: string, message: string) {
    super('FLEETCAST_INVALID_ADAPTER_ARGUMENT', message);
    this.name = 'AdapterArgumentError';
    this.field = field;
  }
}
