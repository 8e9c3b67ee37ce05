import { FleetcastError } from './fleetcast-error.js';

const marker = Symbol.for('fleetcast.error.JournalWriteError');

/**
 * A journal record could not be written: it cannot be serialised (nesting past the stack, a cycle or a BigInt
 * from programmatic input; validation refuses all of these in a campaign). The run stops: acting on state it
 * could not journal would break exactly-once. `cause` holds the original error.
 */
export class JournalWriteError extends FleetcastError {
  protected readonly [marker] = true;
  /** The record type that was being written, e.g. `campaign-started`. */
  readonly recordType: string;

  constructor(campaignId: string, recordType: string, detail: string, options?: { cause?: unknown }) {
    super(
      'FLEETCAST_JOURNAL_WRITE_FAILED',
      `journal of campaign ${campaignId}: the ${recordType} record cannot be written (${detail})`,
      options,
    );
    this.name = 'JournalWriteError';
    this.recordType = recordType;
  }

  /** True when `value` is a JournalWriteError from any copy of this package (its own marker, not the base's). */
  static override isInstance(value: unknown): value is JournalWriteError {
    return FleetcastError.hasMarker(value, marker);
  }
}
