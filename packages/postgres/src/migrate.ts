import type { Pool } from 'pg';
import { type Migration, migrations } from './migrations.js';

/** What {@link migrate} did. */
export interface MigrateResult {
  /** Versions applied by this call, in order (empty when the database was up to date). */
  applied: number[];
  /** The schema version now in the database. */
  version: number;
}

// Any constant: serializes migrate() calls of several replicas starting at once.
const migrateLockKey = 0x666c6374; // "flct"

/**
 * Brings the database's fleetcast tables to this package's version: applies every migration not yet
 * recorded in `fleetcast_migrations`, each in its own transaction, under an advisory lock so replicas
 * that start together do not race. Call it once at deploy or start-up; nothing else runs DDL.
 *
 * @example
 * const pool = new pg.Pool({ connectionString: process.env.FLEETCAST_DATABASE_URL });
 * await migrate(pool);
 */
export async function migrate(pool: Pool, list: readonly Migration[] = migrations): Promise<MigrateResult> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [migrateLockKey]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS fleetcast_migrations (
        version    integer PRIMARY KEY,
        name       text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
      const done = await client.query<{ version: number }>('SELECT version FROM fleetcast_migrations');
      const have = new Set(done.rows.map((row) => row.version));
      const applied: number[] = [];
      for (const migration of [...list].sort((a, b) => a.version - b.version)) {
        if (have.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO fleetcast_migrations (version, name) VALUES ($1, $2)', [
            migration.version,
            migration.name,
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
        applied.push(migration.version);
        have.add(migration.version);
      }
      return { applied, version: Math.max(0, ...have) };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [migrateLockKey]);
    }
  } finally {
    client.release();
  }
}
