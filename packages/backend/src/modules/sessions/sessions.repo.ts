import type { Sqlite } from '../../db/connection.js';

const SECRET_KEY = 'session_secret';

export function createSessionsRepo(sqlite: Sqlite) {
  const insertSession = sqlite.prepare<[string, number]>(
    'INSERT OR IGNORE INTO sessions (id, created_at) VALUES (?, ?)',
  );
  const setting = sqlite
    .prepare<[string], string>('SELECT value FROM app_settings WHERE key = ?')
    .pluck();

  return {
    /** Records a session the first time it holds or buys something. */
    ensure(sessionId: string, now: number): void {
      insertSession.run(sessionId, now);
    },

    /**
     * The key that signs session cookies. The first migration makes it, once per database, so
     * every process serving the same file accepts the same cookies.
     */
    signingSecret(): Buffer {
      const value = setting.get(SECRET_KEY);
      if (value === undefined)
        throw new Error('session secret missing: was the database migrated?');
      return Buffer.from(value, 'hex');
    },
  };
}

export type SessionsRepo = ReturnType<typeof createSessionsRepo>;
