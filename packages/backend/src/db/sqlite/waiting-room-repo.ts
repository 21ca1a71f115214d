import type {
  WaitingRoomEntry,
  WaitingRoomRepo,
} from '../../modules/waiting-room/waiting-room.repo.js';
import type { Sqlite } from './driver.js';

export function createWaitingRoomRepo(sqlite: Sqlite): WaitingRoomRepo {
  const find = sqlite.prepare<[string, string], WaitingRoomEntry>(
    `SELECT concert_id AS concertId, session_id AS sessionId, joined_at AS joinedAt, draw, place
     FROM waiting_room WHERE concert_id = ? AND session_id = ?`,
  );
  const insert = sqlite.prepare<WaitingRoomEntry>(
    `INSERT INTO waiting_room (concert_id, session_id, joined_at, draw, place)
     VALUES (@concertId, @sessionId, @joinedAt, @draw, @place)`,
  );
  const remove = sqlite.prepare<[string, string]>(
    'DELETE FROM waiting_room WHERE concert_id = ? AND session_id = ?',
  );
  const lastPlace = sqlite
    .prepare<[string], number>(
      'SELECT COALESCE(MAX(place), 0) FROM waiting_room WHERE concert_id = ?',
    )
    .pluck();
  const draw = sqlite.prepare<{ concertId: string; last: number }>(
    `UPDATE waiting_room SET place = drawn.place
     FROM (SELECT session_id, @last + row_number() OVER (ORDER BY draw, session_id) AS place
           FROM waiting_room WHERE concert_id = @concertId AND place IS NULL) AS drawn
     WHERE waiting_room.concert_id = @concertId AND waiting_room.session_id = drawn.session_id`,
  );
  const markDrawn = sqlite.prepare<[number, string]>(
    'UPDATE concerts SET places_drawn_at = ? WHERE id = ?',
  );
  const count = sqlite
    .prepare<[string], number>('SELECT COUNT(*) FROM waiting_room WHERE concert_id = ?')
    .pluck();

  return {
    async find(concertId, sessionId) {
      return find.get(concertId, sessionId);
    },
    async insert(entry) {
      insert.run(entry);
    },
    async delete(concertId, sessionId) {
      remove.run(concertId, sessionId);
    },
    async drawPlaces(concertId, now) {
      draw.run({ concertId, last: lastPlace.get(concertId) ?? 0 });
      markDrawn.run(now, concertId);
    },
    async nextPlace(concertId) {
      return (lastPlace.get(concertId) ?? 0) + 1;
    },
    async count(concertId) {
      return count.get(concertId) ?? 0;
    },
  };
}
