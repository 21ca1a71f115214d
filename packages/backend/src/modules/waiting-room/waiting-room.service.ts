import {
  admissionTime,
  concertStatus,
  lastAdmittedPlace,
  type WaitingRoomPlace,
} from '@ticket-booking/shared';
import type { Store, Transaction } from '../../db/store.js';
import { AppError } from '../../lib/app-error.js';
import { toIso, type Clock } from '../../lib/clock.js';
import type { ConcertSchedule } from '../concerts/concerts.repo.js';
import { concertNotFound, salesClosed } from '../concerts/concerts.service.js';
import { PASS_TTL_MS, type WaitingRoomPasses } from './passes.js';
import type { WaitingRoomEntry } from './waiting-room.repo.js';

export interface WaitingRoomDeps {
  store: Store;
  clock: Clock;
  passes: WaitingRoomPasses;
  /** A random whole number ordering those who join before on-sale; seeded in tests. */
  draw: () => number;
}

/** A concert's schedule, when it sells through a waiting room. */
type RoomSchedule = ConcertSchedule & { admitPerMinute: number };

function hasRoom(schedule: ConcertSchedule): schedule is RoomSchedule {
  return schedule.admitPerMinute !== null;
}

function noWaitingRoom(): AppError {
  return new AppError(
    'NO_WAITING_ROOM',
    'This concert has no waiting room: its tickets are on sale to everyone.',
  );
}

/** The concert's schedule if it sells through a waiting room whose sales have not ended. */
function requireRoom(schedule: ConcertSchedule | undefined, now: number): RoomSchedule {
  if (!schedule) throw concertNotFound();
  if (!hasRoom(schedule)) throw noWaitingRoom();
  const status = concertStatus(schedule, now);
  if (status === 'SALES_CLOSED' || status === 'STARTED') throw salesClosed(schedule, now);
  return schedule;
}

/** Whether the places of those who joined before on-sale are still to be drawn at `now`. */
function drawDue(schedule: RoomSchedule, now: number): boolean {
  return schedule.placesDrawnAt === null && now >= schedule.onSaleAt;
}

/**
 * The room as the shopper sees it: before on-sale, no number yet; then the place, when it is let
 * in, and once it is, a pass for this session.
 */
function toPlaceView(
  deps: WaitingRoomDeps,
  schedule: RoomSchedule,
  entry: WaitingRoomEntry,
  now: number,
): WaitingRoomPlace {
  const room = { onSaleAt: schedule.onSaleAt, admitPerMinute: schedule.admitPerMinute };
  const view: WaitingRoomPlace = {
    concertId: entry.concertId,
    state: 'WAITING',
    joinedAt: toIso(entry.joinedAt),
    onSaleAt: toIso(schedule.onSaleAt),
    admitPerMinute: schedule.admitPerMinute,
    serverTime: toIso(now),
  };
  if (entry.place === null) return view;
  view.place = entry.place;
  view.admittedAt = toIso(admissionTime(room, entry.place));
  if (entry.place > lastAdmittedPlace(room, now)) return view;
  const expiresAt = Math.min(now + PASS_TTL_MS, schedule.salesEndAt);
  view.state = 'ADMITTED';
  view.pass = deps.passes.issue(entry.concertId, entry.sessionId, expiresAt);
  view.passExpiresAt = toIso(expiresAt);
  return view;
}

/** Reads the room's schedule under the concert's lock, drawing its first places if now due. */
async function roomIn(tx: Transaction, concertId: string, now: number): Promise<RoomSchedule> {
  let schedule = requireRoom(await tx.concerts.schedule(concertId), now);
  if (drawDue(schedule, now)) {
    await tx.waitingRoom.drawPlaces(concertId, now);
    schedule = { ...schedule, placesDrawnAt: now };
  }
  return schedule;
}

/**
 * Joins the session to the concert's waiting room, or answers the place it has: one place per
 * session. Before on-sale its place is drawn at random at on-sale, with everyone else's who
 * joined by then; after, it queues behind the last place given.
 */
export function joinWaitingRoom(
  deps: WaitingRoomDeps,
  sessionId: string,
  concertId: string,
): Promise<WaitingRoomPlace> {
  return deps.store.write(
    async (tx) => {
      const now = deps.clock.now();
      const schedule = await roomIn(tx, concertId, now);
      const existing = await tx.waitingRoom.find(concertId, sessionId);
      if (existing) return toPlaceView(deps, schedule, existing, now);
      await tx.sessions.ensure(sessionId, now);
      const entry: WaitingRoomEntry = {
        concertId,
        sessionId,
        joinedAt: now,
        draw: deps.draw(),
        place: now < schedule.onSaleAt ? null : await tx.waitingRoom.nextPlace(concertId),
      };
      await tx.waitingRoom.insert(entry);
      return toPlaceView(deps, schedule, entry, now);
    },
    { touches: { concertId } },
  );
}

/**
 * The session's place in the concert's waiting room, or null if it has none. A read, but for the
 * first ask after on-sale, which draws the early places.
 */
export async function placeInWaitingRoom(
  deps: WaitingRoomDeps,
  sessionId: string,
  concertId: string,
): Promise<WaitingRoomPlace | null> {
  const now = deps.clock.now();
  const schedule = requireRoom(await deps.store.concerts.schedule(concertId), now);
  const entry = await deps.store.waitingRoom.find(concertId, sessionId);
  if (!entry) return null;
  if (!drawDue(schedule, now)) return toPlaceView(deps, schedule, entry, now);
  return deps.store.write(
    async (tx) => {
      const drawn = await roomIn(tx, concertId, now);
      const found = await tx.waitingRoom.find(concertId, sessionId);
      return found ? toPlaceView(deps, drawn, found, now) : null;
    },
    { touches: { concertId } },
  );
}

/** Gives the session's place up, whether it was let in or not; having none is no error. */
export function leaveWaitingRoom(
  deps: WaitingRoomDeps,
  sessionId: string,
  concertId: string,
): Promise<void> {
  return deps.store.write(
    async (tx) => {
      const schedule = await tx.concerts.schedule(concertId);
      if (!schedule) throw concertNotFound();
      if (!hasRoom(schedule)) throw noWaitingRoom();
      await tx.waitingRoom.delete(concertId, sessionId);
    },
    { touches: { concertId } },
  );
}

const PASS_PROBLEMS = {
  missing:
    'This concert sells through its waiting room: join it, and check out once it lets you in.',
  forged: 'This waiting-room pass was not given to this browser for this concert.',
  expired: 'Your waiting-room pass has run out: open the concert again for a new one.',
};

/**
 * Refuses with 403 WAITING_ROOM_PASS_REQUIRED a checkout of a concert with a waiting room
 * without a good pass of the session's own: a pass is checked by its MAC, with no read.
 */
export function requireWaitingRoomPass(
  passes: WaitingRoomPasses,
  schedule: ConcertSchedule,
  shopper: { sessionId: string; concertId: string; pass: string | undefined },
  now: number,
): void {
  if (schedule.admitPerMinute === null) return;
  const check = passes.check(shopper.pass, shopper.concertId, shopper.sessionId, now);
  if (check === 'valid') return;
  throw new AppError('WAITING_ROOM_PASS_REQUIRED', PASS_PROBLEMS[check]);
}
