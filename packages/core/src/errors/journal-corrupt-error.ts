import { FleetcastError } from './fleetcast-error.js';

const marker = Symbol.for('fleetcast.error.JournalCorruptError');

/** A journal line other than the last cannot be read: the file was edited or damaged, not merely cut short by a crash. */
export class JournalCorruptError extends FleetcastError {
  protected readonly [marker] = true;
  readonly campaignId: string;
  /** 1-based line number of the first unreadable line. */
  readonly line: number;

  constructor(campaignId: string, line: number, cause?: unknown) {
    super(
      'FLEETCAST_JOURNAL_CORRUPT',
      `journal of campaign "${campaignId}": line ${line} is not a journal record (only a cut-off last line is tolerated)`,
      { cause },
    );
    this.name = 'JournalCorruptError';
    this.campaignId = campaignId;
    this.line = line;
  }

  /** True when `value` is a JournalCorruptError from any copy of this package (its own marker, not the base's). */
  static override isInstance(value: unknown): value is JournalCorruptError {
    return FleetcastError.hasMarker(value, marker);
  }
}
