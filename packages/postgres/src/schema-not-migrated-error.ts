import { FleetcastError } from '@fleetcast/core';

const marker = Symbol.for('fleetcast.error.SchemaNotMigratedError');

/** A fleetcast table is missing or older than this package: `migrate(pool)` was not run against this database. */
export class SchemaNotMigratedError extends FleetcastError {
  protected readonly [marker] = true;
  constructor(detail: string, options?: { cause?: unknown }) {
    super(
      'FLEETCAST_SCHEMA_NOT_MIGRATED',
      `database: ${detail}; run migrate(pool) (or \`fleetcast migrate\`) once against this database first`,
      options,
    );
    this.name = 'SchemaNotMigratedError';
  }

  /** True when `value` is a SchemaNotMigratedError from any copy of this package (its own marker, not the base's). */
  static override isInstance(value: unknown): value is SchemaNotMigratedError {
    return FleetcastError.hasMarker(value, marker);
  }
}

/** Postgres' "undefined table" (42P01) means the schema is not there yet. */
export function rethrowIfUnmigrated(error: unknown): never {
  if ((error as { code?: string })?.code === '42P01')
    throw new SchemaNotMigratedError('a fleetcast table does not exist', { cause: error });
  throw error;
}
