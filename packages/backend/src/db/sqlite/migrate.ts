import type { Sqlite } from './driver.js';
import { migrations as allMigrations, type Migration } from './migrations.js';

/**
 * Brings the schema up to date. Each migration runs in its own IMMEDIATE transaction that first
 * re-reads the applied versions, so two processes starting on one file never apply one twice.
 */
export function migrate(
  sqlite: Sqlite,
  migrations: readonly Migration[] = allMigrations,
): number[] {
  const applied: number[] = [];
  // Another process may be migrating the same file at this moment: wait for it rather than fail.
  const busyTimeout = sqlite.pragma('busy_timeout', { simple: true }) as number;
  sqlite.pragma('busy_timeout = 10000');
  try {
    sqlite.exec(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        applied_at INTEGER NOT NULL
      ) STRICT
    `);
    const isApplied = sqlite.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').pluck();
    const record = sqlite.prepare(
      'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
    );
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      const apply = sqlite.transaction(() => {
        if (isApplied.get(migration.version)) return;
        sqlite.exec(migration.sql);
        record.run(migration.version, migration.name, Date.now());
        applied.push(migration.version);
      });
      apply.immediate();
    }
  } finally {
    sqlite.pragma(`busy_timeout = ${busyTimeout}`);
  }
  return applied;
}

/** The newest migration this server knows: the schema version it needs. */
export const LATEST_SCHEMA_VERSION = Math.max(...allMigrations.map((m) => m.version));

/** The newest migration applied to the database, 0 if none. Throws if the database cannot answer. */
export function schemaVersion(sqlite: Sqlite): number {
  const tracked = sqlite
    .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  if (!tracked) return 0;
  return (
    sqlite.prepare<[], number>('SELECT MAX(version) FROM schema_migrations').pluck().get() ?? 0
  );
}
