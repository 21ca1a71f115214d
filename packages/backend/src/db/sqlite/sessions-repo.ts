import { type SessionsRepo } from '../../modules/sessions/sessions.repo.js';
import type { Sqlite } from './driver.js';

export function createSessionsRepo(sqlite: Sqlite): SessionsRepo {
  const insertSession = sqlite.prepare<[string, number]>(
    'INSERT OR IGNORE INTO sessions (id, created_at) VALUES (?, ?)',
  );

  return {
    /** Records a session the first time it holds or buys something. */
    async ensure(sessionId: string, now: number): Promise<void> {
      insertSession.run(sessionId, now);
    },
  };
}
