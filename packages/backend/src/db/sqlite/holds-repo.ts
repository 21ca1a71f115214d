import type { HoldTimes } from '@ticket-booking/shared';
import {
  type HoldItemRecord,
  type HoldOwner,
  type HoldRecord,
  type HoldsRepo,
  type ReleasedTickets,
  type RunOutTrace,
} from '../../modules/holds/holds.repo.js';
import type { Sqlite } from './driver.js';

interface HoldRow extends HoldTimes {
  id: number;
  sessionId: string;
  concertId: string;
  expiresAt: number;
}

const HOLD_COLUMNS = `
  id, session_id AS sessionId, concert_id AS concertId, created_at AS createdAt,
  deadline_at AS deadlineAt, last_active_at AS lastActiveAt, last_seen_at AS lastSeenAt,
  hard_cap_at AS hardCapAt, left_at AS leftAt, expires_at AS expiresAt`;

/** The concert's holds that ran out by `now`, soonest first; `limit` of them, or all for -1. */
const FIRST_EXPIRED = `
  SELECT id FROM holds WHERE concert_id = @concertId AND expires_at <= @now
  ORDER BY expires_at, id LIMIT @limit`;

interface ExpiredBatch {
  concertId: string;
  now: number;
  limit: number;
}

export function createHoldsRepo(sqlite: Sqlite): HoldsRepo {
  const holdOf = sqlite.prepare<[string, string], HoldRow>(
    `SELECT ${HOLD_COLUMNS} FROM holds WHERE session_id = ? AND concert_id = ?`,
  );
  const itemsOf = sqlite.prepare<[number], HoldItemRecord>(
    `SELECT hi.tier_id AS tierId, t.code, t.name, hi.quantity,
            COALESCE(hi.unit_price_cents, t.price_cents) AS unitPriceCents, t.currency
     FROM hold_items hi JOIN tiers t ON t.id = hi.tier_id
     WHERE hi.hold_id = ? ORDER BY t.position`,
  );
  const upsertHold = sqlite.prepare<HoldTimes & HoldOwner & { expiresAt: number }, { id: number }>(
    `INSERT INTO holds (session_id, concert_id, created_at, deadline_at, last_active_at,
                        last_seen_at, hard_cap_at, left_at, expires_at, client_address)
     VALUES (@sessionId, @concertId, @createdAt, @deadlineAt, @lastActiveAt, @lastSeenAt,
             @hardCapAt, @leftAt, @expiresAt, @address)
     ON CONFLICT (session_id, concert_id) DO UPDATE SET
       created_at = excluded.created_at, deadline_at = excluded.deadline_at,
       last_active_at = excluded.last_active_at, last_seen_at = excluded.last_seen_at,
       hard_cap_at = excluded.hard_cap_at, left_at = excluded.left_at,
       expires_at = excluded.expires_at, client_address = excluded.client_address
     RETURNING id`,
  );
  const heldFromAddress = sqlite
    .prepare<[string, string, number, string], number>(
      `SELECT COALESCE(SUM(hi.quantity), 0) FROM holds h JOIN hold_items hi ON hi.hold_id = h.id
       WHERE h.concert_id = ? AND h.client_address = ? AND h.expires_at > ?
         AND h.session_id <> ?`,
    )
    .pluck();
  const updateTimes = sqlite.prepare<HoldTimes & { id: number; expiresAt: number }>(
    `UPDATE holds SET deadline_at = @deadlineAt, last_active_at = @lastActiveAt,
       last_seen_at = @lastSeenAt, left_at = @leftAt, expires_at = @expiresAt
     WHERE id = @id`,
  );
  const deleteItems = sqlite.prepare<[number]>('DELETE FROM hold_items WHERE hold_id = ?');
  const insertItem = sqlite.prepare<[number, number, number, number]>(
    'INSERT INTO hold_items (hold_id, tier_id, quantity, unit_price_cents) VALUES (?, ?, ?, ?)',
  );
  const deleteHold = sqlite.prepare<[number]>('DELETE FROM holds WHERE id = ?');
  const anyExpiredInConcert = sqlite
    .prepare<[string, number], number>(
      'SELECT 1 FROM holds WHERE concert_id = ? AND expires_at <= ? LIMIT 1',
    )
    .pluck();
  const expiredInConcert = sqlite.prepare<ExpiredBatch, ReleasedTickets>(
    `SELECT @concertId AS concertId, tier_id AS tierId, SUM(quantity) AS quantity
     FROM hold_items WHERE hold_id IN (${FIRST_EXPIRED})
     GROUP BY tier_id`,
  );
  const deleteExpiredInConcert = sqlite.prepare<ExpiredBatch>(
    `DELETE FROM holds WHERE id IN (${FIRST_EXPIRED})`,
  );
  const traceExpiredInConcert = sqlite.prepare<ExpiredBatch>(
    `INSERT INTO expired_holds (session_id, concert_id, expired_at, hard_cap_at)
     SELECT session_id, concert_id, expires_at, hard_cap_at FROM holds
     WHERE id IN (${FIRST_EXPIRED})
     ON CONFLICT (session_id, concert_id) DO UPDATE SET
       expired_at = excluded.expired_at, hard_cap_at = excluded.hard_cap_at`,
  );
  const lastTrace = sqlite.prepare<[string, string], RunOutTrace>(
    `SELECT expired_at AS expiredAt, hard_cap_at AS hardCapAt FROM expired_holds
     WHERE session_id = ? AND concert_id = ?`,
  );
  const ranOutTrace = sqlite
    .prepare<[string, string, number], number>(
      'SELECT 1 FROM expired_holds WHERE session_id = ? AND concert_id = ? AND expired_at > ?',
    )
    .pluck();
  const deleteTrace = sqlite.prepare<[string, string]>(
    'DELETE FROM expired_holds WHERE session_id = ? AND concert_id = ?',
  );
  const deleteOldTraces = sqlite.prepare<[number, number]>(
    `DELETE FROM expired_holds WHERE (session_id, concert_id) IN (
       SELECT session_id, concert_id FROM expired_holds WHERE expired_at <= ?
       ORDER BY expired_at LIMIT ?)`,
  );
  const concertsWithExpired = sqlite
    .prepare<[number], string>(
      `SELECT c.id FROM concerts c
       WHERE EXISTS (SELECT 1 FROM holds h WHERE h.concert_id = c.id AND h.expires_at <= ?)`,
    )
    .pluck();

  return {
    /** This session's hold on the concert, live or run out but not yet swept. */
    async find(sessionId: string, concertId: string): Promise<HoldRecord | undefined> {
      const row = holdOf.get(sessionId, concertId);
      return row && { ...row, items: itemsOf.all(row.id) };
    },

    /** Creates the session's hold on the concert, or overwrites its times; returns its id. */
    async save(owner: HoldOwner, times: HoldTimes, expiresAt: number): Promise<number> {
      const row = upsertHold.get({ ...times, ...owner, expiresAt });
      if (!row) throw new Error('hold upsert returned no row');
      return row.id;
    },

    /** The items at the prices the shopper is shown now, which the hold then keeps. */
    async replaceItems(
      holdId: number,
      items: readonly { tierId: number; quantity: number; unitPriceCents: number }[],
    ): Promise<void> {
      deleteItems.run(holdId);
      for (const item of items) {
        insertItem.run(holdId, item.tierId, item.quantity, item.unitPriceCents);
      }
    },

    async heldFromAddress(concertId, address, now, exceptSessionId): Promise<number> {
      return heldFromAddress.get(concertId, address, now, exceptSessionId) ?? 0;
    },

    async updateTimes(holdId: number, times: HoldTimes, expiresAt: number): Promise<void> {
      updateTimes.run({ ...times, id: holdId, expiresAt });
    },

    /** Deletes the hold, given back or bought: the session's earlier one running out is moot. */
    async delete(hold: Pick<HoldRecord, 'id' | 'sessionId' | 'concertId'>): Promise<void> {
      deleteHold.run(hold.id);
      deleteTrace.run(hold.sessionId, hold.concertId);
    },

    /** Whether the session's last hold on the concert was swept, having run out after `since`. */
    async ranOut(sessionId: string, concertId: string, since: number): Promise<boolean> {
      return ranOutTrace.get(sessionId, concertId, since) !== undefined;
    },

    async lastRunOut(sessionId: string, concertId: string): Promise<RunOutTrace | undefined> {
      return lastTrace.get(sessionId, concertId);
    },

    /** Forgets at most `limit` traces of holds that ran out by `cutoff`; returns how many. */
    async forgetRunOutUntil(cutoff: number, limit: number): Promise<number> {
      return deleteOldTraces.run(cutoff, limit).changes;
    },

    /**
     * Whether any of the concert's holds ran out by `now`: one index probe, where
     * `expiredTickets` builds a temporary list and a grouping table even to find none.
     */
    async anyExpired(concertId: string, now: number): Promise<boolean> {
      return anyExpiredInConcert.get(concertId, now) !== undefined;
    },

    /**
     * Tickets per tier in the first `limit` of the concert's holds to run out at or before `now`
     * (all of them for `ALL_EXPIRED`): the holds `deleteExpired` with the same arguments deletes.
     */
    async expiredTickets(
      concertId: string,
      now: number,
      limit: number,
    ): Promise<ReleasedTickets[]> {
      return expiredInConcert.all({ concertId, now, limit });
    },

    /**
     * Deletes the holds `expiredTickets` counted, leaving a trace of each for `ranOut`. Returns
     * how many it deleted.
     */
    async deleteExpired(concertId: string, now: number, limit: number): Promise<number> {
      traceExpiredInConcert.run({ concertId, now, limit });
      return deleteExpiredInConcert.run({ concertId, now, limit }).changes;
    },

    async concertsWithExpiredHolds(now: number): Promise<string[]> {
      return concertsWithExpired.all(now);
    },
  };
}
