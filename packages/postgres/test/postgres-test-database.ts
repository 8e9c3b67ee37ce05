/**
 * Each test file gets a database of its own on the real server: FLEETCAST_TEST_DATABASE_URL, else
 * 127.0.0.1:5432 (user postgres). Created with a random name, dropped after. No server: the test fails.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server tests use (its maintenance database). */
export function serverUrl(): string {
  return process.env.FLEETCAST_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

/** Creates `fleetcast_test_<random>`; `drop()` removes it (closing every connection still open on it). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `fleetcast_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabase(serverUrl(), name),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * A pool on the test database. Idle connections the server ends (DROP DATABASE ... WITH (FORCE) at the
 * end of the file, while a fire-and-forget budget answer still holds one) are expected: no uncaught error.
 */
export function openPool(url: string, max = 4): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => undefined);
  return pool;
}
