import type {
  WaitingListRecord,
  WaitingListRepo,
} from '../../modules/waiting-list/waiting-list.repo.js';
import type { Queries } from './queries.js';

const COLUMNS = `w.id, w.concert_id AS "concertId", w.tier_id AS "tierId",
  w.session_id AS "sessionId", w.email, w.email_key AS "emailKey", w.quantity,
  w.joined_at AS "joinedAt", w.status, w.offer_token AS "offerToken",
  w.offered_at AS "offeredAt", w.offer_expires_at AS "offerExpiresAt"`;

export function createWaitingListRepo(q: Queries): WaitingListRepo {
  const rows = (text: string, values: unknown[]) => q.rows<WaitingListRecord>(text, values);

  return {
    async insert(entry) {
      await q.write?.concert(entry.concertId);
      const [row] = await q.rows<{ id: number }>(
        `INSERT INTO waiting_list (concert_id, tier_id, session_id, email, email_key, quantity,
                                   joined_at, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'WAITING') RETURNING id`,
        [
          entry.concertId,
          entry.tierId,
          entry.sessionId,
          entry.email,
          entry.emailKey,
          entry.quantity,
          entry.joinedAt,
        ],
      );
      return Number(row?.id);
    },
    async findOpen(tierId, sessionId, emailKey) {
      const [row] = await rows(
        `SELECT ${COLUMNS} FROM waiting_list w
         WHERE w.tier_id = $1 AND w.status IN ('WAITING', 'OFFERED')
           AND (w.session_id = $2 OR w.email_key = $3) LIMIT 1`,
        [tierId, sessionId, emailKey],
      );
      return row;
    },
    listForSession: (concertId, sessionId) =>
      rows(
        `SELECT ${COLUMNS} FROM waiting_list w
         WHERE w.concert_id = $1 AND w.session_id = $2 AND w.status <> 'LEFT' ORDER BY w.id`,
        [concertId, sessionId],
      ),
    waiting: (tierId) =>
      rows(
        `SELECT ${COLUMNS} FROM waiting_list w WHERE w.tier_id = $1 AND w.status = 'WAITING'
         ORDER BY w.id`,
        [tierId],
      ),
    async countAhead(tierId, id) {
      const [row] = await q.rows<{ n: number }>(
        `SELECT COUNT(*)::INTEGER AS n FROM waiting_list
         WHERE tier_id = $1 AND status = 'WAITING' AND id < $2`,
        [tierId, id],
      );
      return row?.n ?? 0;
    },
    async findByToken(token) {
      const [row] = await rows(`SELECT ${COLUMNS} FROM waiting_list w WHERE w.offer_token = $1`, [
        token,
      ]);
      return row;
    },
    listForConcert: (concertId) =>
      rows(
        `SELECT ${COLUMNS} FROM waiting_list w JOIN tiers t ON t.id = w.tier_id
         WHERE w.concert_id = $1 ORDER BY t.position, w.id`,
        [concertId],
      ),
    async offer(id, details) {
      await q.run(
        `UPDATE waiting_list SET status = 'OFFERED', offer_token = $2, offered_at = $3,
           offer_expires_at = $4
         WHERE id = $1`,
        [id, details.token, details.offeredAt, details.expiresAt],
      );
    },
    async setStatus(id, status) {
      await q.run('UPDATE waiting_list SET status = $2 WHERE id = $1', [id, status]);
    },
    async lapseOffers(concertId, now) {
      await q.run(
        `UPDATE waiting_list SET status = 'LAPSED'
         WHERE concert_id = $1 AND status = 'OFFERED' AND offer_expires_at <= $2`,
        [concertId, now],
      );
    },
    async concertsWithTicketsToOffer() {
      const found = await q.rows<{ id: string }>(
        'SELECT DISTINCT concert_id AS id FROM tiers WHERE waiting > 0 AND total - sold - held > 0',
      );
      return found.map((row) => row.id);
    },
  };
}
