import { FleetcastError } from './fleetcast-error.js';

const marker = Symbol.for('fleetcast.error.AdapterArgumentError');

/**
 * An adapter, its transport or one of its calls got a value it cannot work with: a plain-http URL to a
 * remote host, a missing credential, a page size over the platform's limit. `field` names the setting or
 * argument; the message names the limit and never contains a secret.
 */
export class AdapterArgumentError extends FleetcastError {
  protected readonly [marker] = true;
  /** The setting or argument at fault, e.g. `endpoint` or `pageSize`. */
  readonly field: string;

  constructor(field: string, message: string) {
    super('FLEETCAST_INVALID_ADAPTER_ARGUMENT', message);
    this.name = 'AdapterArgumentError';
    this.field = field;
  }

  /** True when `value` is a AdapterArgumentError from any copy of this package (its own marker, not the base's). */
  static override isInstance(value: unknown): value is AdapterArgumentError {
    return FleetcastError.hasMarker(value, marker);
  }
}
