import Database from 'better-sqlite3';

export type Sqlite = Database.Database;

/** Another connection holds the write lock (or, in a shared cache, the table). */
export function isBusyError(error: unknown): boolean {
  return (
    error instanceof Database.SqliteError &&
    (error.code.startsWith('SQLITE_BUSY') || error.code.startsWith('SQLITE_LOCKED'))
  );
}
