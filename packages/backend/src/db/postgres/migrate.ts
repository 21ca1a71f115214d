import { randomBytes } from 'node:crypto';
import type { Pool } from './driver.js';
import { migrations as allMigrations, type Migration } from './migrations.js';

/** Held by the transaction applying a migration: instances starting together take turns. */
const MIGRATION_LOCK = "hashtextextended('ticket-booking schema migrations', 0)";

const SECRET_KEY = 'session_secret';

/**
 * Brings the schema up to date, each migration in a transaction of its own that first takes the
 * migration lock and re-reads the applied versions, so several instances starting at once apply
 * each one once. Then makes the session signing secret if the database has none, and returns it
 * with the versions applied.
 */
export async function migrate(
  pool: Pool,
  migrations: readonly Migration[] = allMigrations,
): Promise<{ applied: number[]; secret: Buffer }> {
  const applied: number[] = [];
  const client = await pool.connect();
  try {
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      await client.query('BEGIN');
      try {
        await client.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
        await client.query(`
          CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at BIGINT NOT NULL
          )`);
        const done = await client.query('SELECT 1 FROM schema_migrations WHERE version = $1', [
          migration.version,
        ]);
        if (done.rowCount === 0) {
          await client.query(migration.sql);
          await client.query(
            'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',
            [migration.version, migration.name, Date.now()],
          );
          applied.push(migration.version);
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
    // Made here rather than in SQL so that its randomness is Node's; the first instance's wins.
    await client.query(
      'INSERT INTO app_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING',
      [SECRET_KEY, randomBytes(32).toString('hex')],
    );
    const secret = await client.query<{ value: string }>(
      'SELECT value FROM app_settings WHERE key = $1',
      [SECRET_KEY],
    );
    const value = secret.rows[0]?.value;
    if (value === undefined) throw new Error('session secret missing after it was made');
    return { applied, secret: Buffer.from(value, 'hex') };
  } finally {
    client.release();
  }
}

/** The newest migration this server knows: the schema version it needs. */
export const LATEST_SCHEMA_VERSION = Math.max(...allMigrations.map((m) => m.version));

/** The newest migration applied to the database, 0 if none. Rejects if the database cannot answer. */
export async function schemaVersion(pool: Pool): Promise<number> {
  const tracked = await pool.query<{ tracked: boolean }>(
    "SELECT to_regclass('schema_migrations') IS NOT NULL AS tracked",
  );
  if (!tracked.rows[0]?.tracked) return 0;
  const newest = await pool.query<{ version: number | null }>(
    'SELECT MAX(version) AS version FROM schema_migrations',
  );
  return newest.rows[0]?.version ?? 0;
}
