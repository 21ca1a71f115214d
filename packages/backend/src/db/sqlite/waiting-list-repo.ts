import type { WaitingListStatus } from '@ticket-booking/shared';
import type {
  NewWaitingListEntry,
  WaitingListRecord,
  WaitingListRepo,
} from '../../modules/waiting-list/waiting-list.repo.js';
import type { Sqlite } from './driver.js';

const COLUMNS = `w.id, w.concert_id AS concertId, w.tier_id AS tierId, w.session_id AS sessionId,
  w.email, w.email_key AS emailKey, w.quantity, w.joined_at AS joinedAt, w.status,
  w.offer_token AS offerToken, w.offered_at AS offeredAt, w.offer_expires_at AS offerExpiresAt`;

const OPEN = `w.status IN ('WAITING', 'OFFERED')`;

export function createWaitingListRepo(sqlite: Sqlite): WaitingListRepo {
  const insert = sqlite.prepare<NewWaitingListEntry>(
    `INSERT INTO waiting_list (concert_id, tier_id, session_id, email, email_key, quantity,
                               joined_at, status)
     VALUES (@concertId, @tierId, @sessionId, @email, @emailKey, @quantity, @joinedAt, 'WAITING')`,
  );
  const findOpen = sqlite.prepare<[number, string, string], WaitingListRecord>(
    `SELECT ${COLUMNS} FROM waiting_list w
     WHERE w.tier_id = ? AND ${OPEN} AND (w.session_id = ? OR w.email_key = ?) LIMIT 1`,
  );
  const forSession = sqlite.prepare<[string, string], WaitingListRecord>(
    `SELECT ${COLUMNS} FROM waiting_list w
     WHERE w.concert_id = ? AND w.session_id = ? AND w.status <> 'LEFT' ORDER BY w.id`,
  );
  const waiting = sqlite.prepare<[number], WaitingListRecord>(
    `SELECT ${COLUMNS} FROM waiting_list w WHERE w.tier_id = ? AND w.status = 'WAITING'
     ORDER BY w.id`,
  );
  const countAhead = sqlite
    .prepare<[number, number], number>(
      `SELECT COUNT(*) FROM waiting_list w WHERE w.tier_id = ? AND w.status = 'WAITING'
       AND w.id < ?`,
    )
    .pluck();
  const byToken = sqlite.prepare<[string], WaitingListRecord>(
    `SELECT ${COLUMNS} FROM waiting_list w WHERE w.offer_token = ?`,
  );
  const forConcert = sqlite.prepare<[string], WaitingListRecord>(
    `SELECT ${COLUMNS} FROM waiting_list w JOIN tiers t ON t.id = w.tier_id
     WHERE w.concert_id = ? ORDER BY t.position, w.id`,
  );
  const offer = sqlite.prepare<{ id: number; token: string; offeredAt: number; expiresAt: number }>(
    `UPDATE waiting_list SET status = 'OFFERED', offer_token = @token, offered_at = @offeredAt,
       offer_expires_at = @expiresAt
     WHERE id = @id`,
  );
  const setStatus = sqlite.prepare<[WaitingListStatus, number]>(
    'UPDATE waiting_list SET status = ? WHERE id = ?',
  );
  const lapse = sqlite.prepare<[string, number]>(
    `UPDATE waiting_list SET status = 'LAPSED'
     WHERE concert_id = ? AND status = 'OFFERED' AND offer_expires_at <= ?`,
  );
  const toOffer = sqlite
    .prepare<[], string>(
      `SELECT DISTINCT concert_id FROM tiers WHERE waiting > 0 AND total - sold - held > 0`,
    )
    .pluck();

  return {
    async insert(entry) {
      return Number(insert.run(entry).lastInsertRowid);
    },
    async findOpen(tierId, sessionId, emailKey) {
      return findOpen.get(tierId, sessionId, emailKey);
    },
    async listForSession(concertId, sessionId) {
      return forSession.all(concertId, sessionId);
    },
    async waiting(tierId) {
      return waiting.all(tierId);
    },
    async countAhead(tierId, id) {
      return countAhead.get(tierId, id) ?? 0;
    },
    async findByToken(token) {
      return byToken.get(token);
    },
    async listForConcert(concertId) {
      return forConcert.all(concertId);
    },
    async offer(id, details) {
      offer.run({ id, ...details });
    },
    async setStatus(id, status) {
      setStatus.run(status, id);
    },
    async lapseOffers(concertId, now) {
      lapse.run(concertId, now);
    },
    async concertsWithTicketsToOffer() {
      return toOffer.all();
    },
  };
}
