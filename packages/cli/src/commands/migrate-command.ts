import { migrate } from '@fleetcast/postgres';
import type { Command } from 'commander';
import { CliInputError } from '../cli-input-error.js';
import { type CliContext, printLine } from '../cli-context.js';
import {
  addDatabaseOption,
  type DatabaseOptions,
  databaseUrlFrom,
  openDatabasePool,
} from '../database-options.js';

/** `fleetcast migrate --database-url …`: creates or upgrades fleetcast's tables (run once per deploy). */
export function registerMigrateCommand(program: Command, context: CliContext): void {
  addDatabaseOption(
    program.command('migrate').description("create or upgrade fleetcast's tables in a PostgreSQL database"),
  ).action(async (options: DatabaseOptions) => {
    const url = databaseUrlFrom(options, context.io.env);
    if (url === undefined)
      throw new CliInputError('--database-url', 'is required (or FLEETCAST_DATABASE_URL)');
    const pool = openDatabasePool(url);
    try {
      const result = await migrate(pool);
      printLine(
        context,
        result.applied.length === 0
          ? `database schema up to date (version ${result.version})`
          : `applied migration(s) ${result.applied.join(', ')}; schema version ${result.version}`,
      );
    } finally {
      await pool.end();
    }
  });
}
