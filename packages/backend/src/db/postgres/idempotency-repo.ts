import type {
  IdempotencyRepo,
  NewStoredReply,
  StoredReply,
} from '../../modules/idempotency/idempotency.repo.js';
import type { Queries } from './queries.js';

export function createIdempotencyRepo(q: Queries): IdempotencyRepo {
  return {
    /**
     * In a write, first takes a lock on the key until the transaction ends: a repeat sent at the
     * same moment waits, then finds the first one's answer. In a statement of its own, as a
     * statement sees only what was committed before it started.
     */
    async find(
      sessionId: string,
      endpoint: string,
      key: string,
      since: number,
    ): Promise<StoredReply | undefined> {
      if (q.write) {
        await q.run('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
          JSON.stringify([sessionId, endpoint, key]),
        ]);
      }
      const [row] = await q.rows<{ fingerprint: string; status: number; body: string }>(
        `SELECT fingerprint, status, body FROM idempotency_keys
         WHERE session_id = $1 AND endpoint = $2 AND key = $3 AND created_at > $4`,
        [sessionId, endpoint, key, since],
      );
      return row && { ...row, body: JSON.parse(row.body) as unknown };
    },

    /** Replaces a row older than the lookup window, which may wait for the cleanup job. */
    async save(reply: NewStoredReply): Promise<void> {
      await q.run(
        `INSERT INTO idempotency_keys (session_id, endpoint, key, fingerprint, status, body,
                                       created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (session_id, endpoint, key) DO UPDATE SET
           fingerprint = EXCLUDED.fingerprint, status = EXCLUDED.status, body = EXCLUDED.body,
           created_at = EXCLUDED.created_at`,
        [
          reply.sessionId,
          reply.endpoint,
          reply.key,
          reply.fingerprint,
          reply.status,
          JSON.stringify(reply.body),
          reply.createdAt,
        ],
      );
    },

    async deleteStoredUntil(cutoff: number, limit: number): Promise<number> {
      return q.run(
        `DELETE FROM idempotency_keys WHERE id IN (
           SELECT id FROM idempotency_keys WHERE created_at <= $1 ORDER BY created_at LIMIT $2)`,
        [cutoff, limit],
      );
    },
  };
}
