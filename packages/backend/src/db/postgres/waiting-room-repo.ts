import type {
  WaitingRoomEntry,
  WaitingRoomRepo,
} from '../../modules/waiting-room/waiting-room.repo.js';
import type { Queries } from './queries.js';

/** In a write, each statement runs after the concert's lock: joins of one concert take turns. */
export function createWaitingRoomRepo(q: Queries): WaitingRoomRepo {
  async function lastPlace(concertId: string): Promise<number> {
    const rows = await q.rows<{ last: number }>(
      'SELECT COALESCE(MAX(place), 0) AS last FROM waiting_room WHERE concert_id = $1',
      [concertId],
    );
    return rows[0]?.last ?? 0;
  }

  return {
    async find(concertId, sessionId) {
      await q.write?.concert(concertId);
      const rows = await q.rows<WaitingRoomEntry>(
        `SELECT concert_id AS "concertId", session_id AS "sessionId", joined_at AS "joinedAt",
                draw, place
         FROM waiting_room WHERE concert_id = $1 AND session_id = $2`,
        [concertId, sessionId],
      );
      return rows[0];
    },
    async insert(entry) {
      await q.write?.concert(entry.concertId);
      await q.run(
        `INSERT INTO waiting_room (concert_id, session_id, joined_at, draw, place)
         VALUES ($1, $2, $3, $4, $5)`,
        [entry.concertId, entry.sessionId, entry.joinedAt, entry.draw, entry.place],
      );
    },
    async delete(concertId, sessionId) {
      await q.write?.concert(concertId);
      await q.run('DELETE FROM waiting_room WHERE concert_id = $1 AND session_id = $2', [
        concertId,
        sessionId,
      ]);
    },
    async drawPlaces(concertId, now) {
      await q.write?.concert(concertId);
      await q.run(
        `WITH drawn AS (
           SELECT session_id,
                  (SELECT COALESCE(MAX(place), 0) FROM waiting_room WHERE concert_id = $1)
                    + row_number() OVER (ORDER BY draw, session_id) AS place
           FROM waiting_room WHERE concert_id = $1 AND place IS NULL),
         numbered AS (
           UPDATE waiting_room w SET place = drawn.place FROM drawn
           WHERE w.concert_id = $1 AND w.session_id = drawn.session_id)
         UPDATE concerts SET places_drawn_at = $2 WHERE id = $1`,
        [concertId, now],
      );
    },
    async nextPlace(concertId) {
      await q.write?.concert(concertId);
      return (await lastPlace(concertId)) + 1;
    },
    async count(concertId) {
      const rows = await q.rows<{ n: number }>(
        'SELECT COUNT(*)::INTEGER AS n FROM waiting_room WHERE concert_id = $1',
        [concertId],
      );
      return rows[0]?.n ?? 0;
    },
  };
}
