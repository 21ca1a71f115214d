import {
  type IdempotencyRepo,
  type NewStoredReply,
  type StoredReply,
} from '../../modules/idempotency/idempotency.repo.js';
import type { Sqlite } from './driver.js';

interface KeyRef {
  sessionId: string;
  endpoint: string;
  key: string;
}

export function createIdempotencyRepo(sqlite: Sqlite): IdempotencyRepo {
  const byKey = sqlite.prepare<
    KeyRef & { since: number },
    { fingerprint: string; status: number; body: string }
  >(
    `SELECT fingerprint, status, body FROM idempotency_keys
     WHERE session_id = @sessionId AND endpoint = @endpoint AND key = @key
       AND created_at > @since`,
  );
  // A row older than the lookup window may still be there, waiting for the cleanup job.
  const upsert = sqlite.prepare<Omit<NewStoredReply, 'body'> & { body: string }>(
    `INSERT INTO idempotency_keys (session_id, endpoint, key, fingerprint, status, body, created_at)
     VALUES (@sessionId, @endpoint, @key, @fingerprint, @status, @body, @createdAt)
     ON CONFLICT (session_id, endpoint, key) DO UPDATE SET
       fingerprint = excluded.fingerprint, status = excluded.status, body = excluded.body,
       created_at = excluded.created_at`,
  );
  const deleteOldest = sqlite.prepare<[number, number]>(
    `DELETE FROM idempotency_keys WHERE id IN (
       SELECT id FROM idempotency_keys WHERE created_at <= ? ORDER BY created_at LIMIT ?)`,
  );

  return {
    /** The reply stored for the session's key on the endpoint, if it was stored after `since`. */
    async find(
      sessionId: string,
      endpoint: string,
      key: string,
      since: number,
    ): Promise<StoredReply | undefined> {
      const row = byKey.get({ sessionId, endpoint, key, since });
      return row && { ...row, body: JSON.parse(row.body) as unknown };
    },
    async save(reply: NewStoredReply): Promise<void> {
      upsert.run({ ...reply, body: JSON.stringify(reply.body) });
    },
    /** Deletes up to `limit` of the keys stored at or before `cutoff`; returns how many went. */
    async deleteStoredUntil(cutoff: number, limit: number): Promise<number> {
      return deleteOldest.run(cutoff, limit).changes;
    },
  };
}
