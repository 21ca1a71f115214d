import type { Sqlite } from './connection.js';
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
