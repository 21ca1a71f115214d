import type { SessionsRepo } from '../../modules/sessions/sessions.repo.js';
import type { Queries } from './queries.js';

export function createSessionsRepo(q: Queries): SessionsRepo {
  return {
    async ensure(sessionId: string, now: number): Promise<void> {
      await q.run(
        'INSERT INTO sessions (id, created_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING',
        [sessionId, now],
      );
    },
  };
}
