import type { HoldTimes } from '@ticket-booking/shared';
import {
  ALL_EXPIRED,
  type HoldOwner,
  type HoldRecord,
  type HoldsRepo,
  type ReleasedTickets,
  type RunOutTrace,
} from '../../modules/holds/holds.repo.js';
import type { Queries } from './queries.js';

/** A hold with its items, as `HoldRecord`, from `holds h`: the caller adds its WHERE. */
export const HOLD_SELECT = `
  SELECT h.id, h.session_id AS "sessionId", h.concert_id AS "concertId",
         h.created_at AS "createdAt", h.deadline_at AS "deadlineAt",
         h.last_active_at AS "lastActiveAt", h.last_seen_at AS "lastSeenAt",
         h.hard_cap_at AS "hardCapAt", h.left_at AS "leftAt", h.expires_at AS "expiresAt",
         COALESCE((
           SELECT json_agg(json_build_object(
                    'tierId', hi.tier_id, 'code', t.code, 'name', t.name,
                    'quantity', hi.quantity, 'unitPriceCents', hi.unit_price_cents,
                    'currency', t.currency)
                  ORDER BY t.position)
           FROM hold_items hi JOIN tiers t ON t.id = hi.tier_id
           WHERE hi.hold_id = h.id), '[]'::json) AS items
  FROM holds h`;

const HOLD_BY_SESSION = `${HOLD_SELECT} WHERE h.session_id = $1 AND h.concert_id = $2`;

/** The concert's (`$1`) holds that ran out by `$2`, soonest first; `$3` of them, or all for null. */
const FIRST_EXPIRED = `
  SELECT id FROM holds WHERE concert_id = $1 AND expires_at <= $2
  ORDER BY expires_at, id LIMIT $3`;

/** Tickets in the concert's ($1) holds live at $3 asked for from $2, but for session $4's. */
export const HELD_FROM_ADDRESS = `
  SELECT COALESCE(SUM(hi.quantity), 0) AS held
  FROM holds h JOIN hold_items hi ON hi.hold_id = h.id
  WHERE h.concert_id = $1 AND h.client_address = $2 AND h.expires_at > $3
    AND h.session_id <> $4`;

/** The trace of session $1's last run-out hold on concert $2, as `RunOutTrace`. */
export const LAST_RUN_OUT = `
  SELECT expired_at AS "expiredAt", hard_cap_at AS "hardCapAt" FROM expired_holds
  WHERE session_id = $1 AND concert_id = $2`;

function limitOf(limit: number): number | null {
  return limit === ALL_EXPIRED ? null : limit;
}

export function createHoldsRepo(q: Queries): HoldsRepo {
  return {
    /** In a write, takes the concert's lock first: the hold may be about to change. */
    async find(sessionId: string, concertId: string): Promise<HoldRecord | undefined> {
      await q.write?.concert(concertId);
      return (await q.rows<HoldRecord>(HOLD_BY_SESSION, [sessionId, concertId]))[0];
    },

    async save(owner: HoldOwner, times: HoldTimes, expiresAt: number): Promise<number> {
      const [row] = await q.rows<{ id: number }>(
        `INSERT INTO holds (session_id, concert_id, created_at, deadline_at, last_active_at,
                            last_seen_at, hard_cap_at, left_at, expires_at, client_address)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (session_id, concert_id) DO UPDATE SET
           created_at = EXCLUDED.created_at, deadline_at = EXCLUDED.deadline_at,
           last_active_at = EXCLUDED.last_active_at, last_seen_at = EXCLUDED.last_seen_at,
           hard_cap_at = EXCLUDED.hard_cap_at, left_at = EXCLUDED.left_at,
           expires_at = EXCLUDED.expires_at, client_address = EXCLUDED.client_address
         RETURNING id`,
        [
          owner.sessionId,
          owner.concertId,
          times.createdAt,
          times.deadlineAt,
          times.lastActiveAt,
          times.lastSeenAt,
          times.hardCapAt,
          times.leftAt,
          expiresAt,
          owner.address,
        ],
      );
      if (!row) throw new Error('hold upsert returned no row');
      return row.id;
    },

    async heldFromAddress(concertId, address, now, exceptSessionId): Promise<number> {
      const [row] = await q.rows<{ held: number }>(HELD_FROM_ADDRESS, [
        concertId,
        address,
        now,
        exceptSessionId,
      ]);
      return row?.held ?? 0;
    },

    async replaceItems(
      holdId: number,
      items: readonly { tierId: number; quantity: number; unitPriceCents: number }[],
    ): Promise<void> {
      await q.run('DELETE FROM hold_items WHERE hold_id = $1', [holdId]);
      if (items.length === 0) return;
      await q.run(
        `INSERT INTO hold_items (hold_id, tier_id, quantity, unit_price_cents)
         SELECT $1::BIGINT, * FROM unnest($2::INTEGER[], $3::INTEGER[], $4::INTEGER[])`,
        [
          holdId,
          items.map((item) => item.tierId),
          items.map((item) => item.quantity),
          items.map((item) => item.unitPriceCents),
        ],
      );
    },

    async updateTimes(holdId: number, times: HoldTimes, expiresAt: number): Promise<void> {
      await q.run(
        `UPDATE holds SET deadline_at = $2, last_active_at = $3, last_seen_at = $4,
           left_at = $5, expires_at = $6
         WHERE id = $1`,
        [holdId, times.deadlineAt, times.lastActiveAt, times.lastSeenAt, times.leftAt, expiresAt],
      );
    },

    async delete(hold: Pick<HoldRecord, 'id' | 'sessionId' | 'concertId'>): Promise<void> {
      await q.run(
        `WITH trace AS (DELETE FROM expired_holds WHERE session_id = $2 AND concert_id = $3)
         DELETE FROM holds WHERE id = $1`,
        [hold.id, hold.sessionId, hold.concertId],
      );
    },

    async ranOut(sessionId: string, concertId: string, since: number): Promise<boolean> {
      const rows = await q.rows(
        `SELECT 1 FROM expired_holds
         WHERE session_id = $1 AND concert_id = $2 AND expired_at > $3`,
        [sessionId, concertId, since],
      );
      return rows.length > 0;
    },

    async lastRunOut(sessionId: string, concertId: string): Promise<RunOutTrace | undefined> {
      const [row] = await q.rows<RunOutTrace>(LAST_RUN_OUT, [sessionId, concertId]);
      return row;
    },

    async forgetRunOutUntil(cutoff: number, limit: number): Promise<number> {
      return q.run(
        `DELETE FROM expired_holds WHERE (session_id, concert_id) IN (
           SELECT session_id, concert_id FROM expired_holds WHERE expired_at <= $1
           ORDER BY expired_at LIMIT $2)`,
        [cutoff, limit],
      );
    },

    /** In a write, it starts a sweep: it takes the concert's lock first. */
    async anyExpired(concertId: string, now: number): Promise<boolean> {
      await q.write?.concert(concertId);
      const rows = await q.rows(
        'SELECT 1 FROM holds WHERE concert_id = $1 AND expires_at <= $2 LIMIT 1',
        [concertId, now],
      );
      return rows.length > 0;
    },

    /** In tier id order, the order in which writers lock tiers. */
    async expiredTickets(
      concertId: string,
      now: number,
      limit: number,
    ): Promise<ReleasedTickets[]> {
      await q.write?.concert(concertId);
      return q.rows<ReleasedTickets>(
        `SELECT $1::TEXT AS "concertId", tier_id AS "tierId", SUM(quantity) AS quantity
         FROM hold_items WHERE hold_id IN (${FIRST_EXPIRED})
         GROUP BY tier_id ORDER BY tier_id`,
        [concertId, now, limitOf(limit)],
      );
    },

    /** Deletes and traces them in one statement. */
    async deleteExpired(concertId: string, now: number, limit: number): Promise<number> {
      const [row] = await q.rows<{ deleted: number }>(
        `WITH gone AS (
           DELETE FROM holds WHERE id IN (${FIRST_EXPIRED})
           RETURNING session_id, concert_id, expires_at, hard_cap_at),
         traced AS (
           INSERT INTO expired_holds (session_id, concert_id, expired_at, hard_cap_at)
           SELECT session_id, concert_id, expires_at, hard_cap_at FROM gone
           ON CONFLICT (session_id, concert_id) DO UPDATE SET
             expired_at = EXCLUDED.expired_at, hard_cap_at = EXCLUDED.hard_cap_at)
         SELECT COUNT(*) AS deleted FROM gone`,
        [concertId, now, limitOf(limit)],
      );
      return row?.deleted ?? 0;
    },

    async concertsWithExpiredHolds(now: number): Promise<string[]> {
      const rows = await q.rows<{ id: string }>(
        `SELECT c.id FROM concerts c
         WHERE EXISTS (SELECT 1 FROM holds h WHERE h.concert_id = c.id AND h.expires_at <= $1)
         ORDER BY c.id`,
        [now],
      );
      return rows.map((row) => row.id);
    },
  };
}
