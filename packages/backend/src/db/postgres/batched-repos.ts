import type { BookingsRepo } from '../../modules/bookings/bookings.repo.js';
import type { ConcertsRepo } from '../../modules/concerts/concerts.repo.js';
import type { HoldsRepo } from '../../modules/holds/holds.repo.js';
import type { IdempotencyRepo } from '../../modules/idempotency/idempotency.repo.js';
import type { OrganizerRepo } from '../../modules/organizer/organizer.repo.js';
import type { MailRepo } from '../../modules/mail/mail.repo.js';
import type { SeatingRepo } from '../../modules/seating/seating.repo.js';
import type { WaitingListRepo } from '../../modules/waiting-list/waiting-list.repo.js';
import type { WaitingRoomRepo } from '../../modules/waiting-room/waiting-room.repo.js';
import type { Repositories } from '../store.js';
import type { UnitOfWork } from './unit-of-work.js';

/**
 * How a write's repository calls reach the database beyond the unit's memory, and the rule that
 * keeps each write undoable on its own: memory first; a read of what memory may have changed
 * writes memory out first (`sync`); a statement that changes rows directly (`direct`) runs only
 * in a savepoint of the write's own.
 */
export interface WriteAccess {
  unit: UnitOfWork;
  /** The repositories as single statements on the batch's connection, made when first asked for. */
  plain: () => Repositories;
  /** Brings the database up to date with memory before a read that memory does not answer. */
  sync: () => Promise<void>;
  /** Runs a statement that changes rows itself, the database up to date with memory first. */
  direct: <T>(change: () => Promise<T>) => Promise<T>;
}

function concertsOver(access: WriteAccess): ConcertsRepo {
  const { unit, plain, sync, direct } = access;
  const read = async <R>(statement: () => Promise<R>) => {
    await sync();
    return statement();
  };
  return {
    listOnSale: (now) => read(() => plain().concerts.listOnSale(now)),
    listAll: (now) => read(() => plain().concerts.listAll(now)),
    find: (concertId, now) => read(() => plain().concerts.find(concertId, now)),
    availability: (concertId, now) => read(() => plain().concerts.availability(concertId, now)),
    count: () => read(() => plain().concerts.count()),
    async exists(concertId) {
      return (await unit.concert(concertId)) !== undefined;
    },
    async schedule(concertId) {
      return (await unit.concert(concertId))?.schedule;
    },
    tiersForUpdate: (concertId) => unit.tiersOf(concertId),
    bumpVersion: (concertId) => {
      unit.markBumped();
      return unit.countConcert(concertId, { versions: 1 });
    },
    countHolds: (concertId, counts) => unit.countConcert(concertId, counts),
    updateSettings: (concertId, settings) =>
      direct(async () => {
        await plain().concerts.updateSettings(concertId, settings);
        unit.changeSchedule(concertId, settings);
      }),
    updateTier: (tierId, change) =>
      unit.changeTier(tierId, () => ({ total: change.total, priceCents: change.priceCents })),
    changeHeld: (tierId, delta) => unit.changeTier(tierId, (tier) => ({ held: tier.held + delta })),
    changeWaiting: (tierId, delta) =>
      unit.changeTier(tierId, (tier) => ({ waiting: tier.waiting + delta })),
    sellHeld: (tierId, quantity) =>
      unit.changeTier(tierId, (tier) => ({
        sold: tier.sold + quantity,
        held: tier.held - quantity,
      })),
    addSold: (tierId, quantity) =>
      unit.changeTier(tierId, (tier) => ({ sold: tier.sold + quantity })),
    returnSold: (tierId, quantity) =>
      unit.changeTier(tierId, (tier) => ({ sold: tier.sold - quantity })),
    insert: (concert, now) => direct(() => plain().concerts.insert(concert, now)),
  };
}

function holdsOver(access: WriteAccess): HoldsRepo {
  const { unit, plain, sync, direct } = access;
  return {
    find: (sessionId, concertId) => unit.findHold(sessionId, concertId),
    save: (owner, times, expiresAt) => unit.saveHold(owner, times, expiresAt),
    heldFromAddress: (concertId, address, now, exceptSessionId) =>
      unit.heldFromAddress(concertId, address, now, exceptSessionId),
    replaceItems: (holdId, items) => unit.replaceHoldItems(holdId, items),
    async updateTimes(holdId, times, expiresAt) {
      unit.updateHoldTimes(holdId, times, expiresAt);
      return Promise.resolve();
    },
    delete: (hold) => unit.deleteHold(hold),
    async ranOut(sessionId, concertId, since) {
      await sync();
      return plain().holds.ranOut(sessionId, concertId, since);
    },
    forgetRunOutUntil: (cutoff, limit) =>
      direct(() => plain().holds.forgetRunOutUntil(cutoff, limit)),
    anyExpired: (concertId, now) => unit.anyExpired(concertId, now),
    lastRunOut: (sessionId, concertId) => unit.lastRunOut(sessionId, concertId),
    async expiredTickets(concertId, now, limit) {
      await unit.concert(concertId);
      await sync();
      return plain().holds.expiredTickets(concertId, now, limit);
    },
    deleteExpired: (concertId, now, limit) =>
      direct(async () => {
        const deleted = await plain().holds.deleteExpired(concertId, now, limit);
        unit.forgetHolds(concertId);
        return deleted;
      }),
    async concertsWithExpiredHolds(now) {
      await sync();
      return plain().holds.concertsWithExpiredHolds(now);
    },
  };
}

function bookingsOver(access: WriteAccess): BookingsRepo {
  const { unit, plain, sync, direct } = access;
  return {
    async insert(booking) {
      unit.insertBooking(booking);
      return Promise.resolve();
    },
    async listForSession(sessionId) {
      await sync();
      return plain().bookings.listForSession(sessionId);
    },
    async findForSession(bookingId, sessionId) {
      await sync();
      return plain().bookings.findForSession(bookingId, sessionId);
    },
    async listForEmail(email) {
      await sync();
      return plain().bookings.listForEmail(email);
    },
    async findByConfirmationCode(code) {
      await sync();
      return plain().bookings.findByConfirmationCode(code);
    },
    share: (sessionId, bookingIds, now) =>
      direct(() => plain().bookings.share(sessionId, bookingIds, now)),
    cancel: (bookingId, now) =>
      direct(async () => {
        await plain().bookings.cancel(bookingId, now);
        unit.forgetBuyers();
      }),
    ticketsBoughtBy: (concertId, buyer) => unit.ticketsBoughtBy(concertId, buyer),
    /**
     * Against the batch's own bookings only, sparing each purchase a round trip. A code a stored
     * booking already has (codes are 8 characters drawn at random: rare) fails the commit on the
     * unique index, and each write of the batch then runs alone, where this reads the table.
     */
    async isConfirmationCodeTaken(code) {
      return Promise.resolve(unit.isCodePending(code));
    },
  };
}

function idempotencyOver(access: WriteAccess): IdempotencyRepo {
  const { unit, plain, direct } = access;
  return {
    async find(sessionId, endpoint, key, since) {
      const pending = unit.pendingReply(sessionId, endpoint, key);
      // The key's lock is taken either way: a repeat in another batch waits for this one.
      const stored = await plain().idempotency.find(sessionId, endpoint, key, since);
      return pending ?? stored;
    },
    async save(reply) {
      unit.saveReply(reply);
      return Promise.resolve();
    },
    deleteStoredUntil: (cutoff, limit) =>
      direct(() => plain().idempotency.deleteStoredUntil(cutoff, limit)),
  };
}

function organizerOver(access: WriteAccess): OrganizerRepo {
  return {
    async sales(concertId, now) {
      await access.sync();
      return access.plain().organizer.sales(concertId, now);
    },
  };
}

function waitingRoomOver(access: WriteAccess): WaitingRoomRepo {
  const { unit, plain, sync, direct } = access;
  // Under the concert's lock, as every write of its places: the batch's own come from memory,
  // and a join is written with the batch's other changes.
  return {
    async find(concertId, sessionId) {
      return (
        unit.pendingPlace(concertId, sessionId) ?? plain().waitingRoom.find(concertId, sessionId)
      );
    },
    async insert(entry) {
      await unit.concert(entry.concertId);
      unit.insertPlace(entry);
    },
    delete: (concertId, sessionId) =>
      direct(() => plain().waitingRoom.delete(concertId, sessionId)),
    drawPlaces: (concertId, now) =>
      direct(async () => {
        await plain().waitingRoom.drawPlaces(concertId, now);
        unit.changeSchedule(concertId, { placesDrawnAt: now });
      }),
    async nextPlace(concertId) {
      const stored = await plain().waitingRoom.nextPlace(concertId);
      return Math.max(stored, unit.lastPendingPlace(concertId) + 1);
    },
    async count(concertId) {
      await sync();
      return plain().waitingRoom.count(concertId);
    },
  };
}

/**
 * Waiting lists change rarely (a join, an offer, a purchase of one): every call reads or writes
 * the database directly, after the batch's memory is written out.
 */
function waitingListOver(access: WriteAccess): WaitingListRepo {
  const { plain, sync, direct } = access;
  const repo = () => plain().waitingList;
  const read = async <R>(statement: () => Promise<R>) => {
    await sync();
    return statement();
  };
  return {
    insert: (entry) => direct(() => repo().insert(entry)),
    findOpen: (tierId, sessionId, emailKey) =>
      read(() => repo().findOpen(tierId, sessionId, emailKey)),
    listForSession: (concertId, sessionId) =>
      read(() => repo().listForSession(concertId, sessionId)),
    waiting: (tierId) => read(() => repo().waiting(tierId)),
    countAhead: (tierId, id) => read(() => repo().countAhead(tierId, id)),
    findByToken: (token) => read(() => repo().findByToken(token)),
    listForConcert: (concertId) => read(() => repo().listForConcert(concertId)),
    offer: (id, offer) => direct(() => repo().offer(id, offer)),
    setStatus: (id, status) => direct(() => repo().setStatus(id, status)),
    lapseOffers: (concertId, now) => direct(() => repo().lapseOffers(concertId, now)),
    concertsWithTicketsToOffer: () => read(() => repo().concertsWithTicketsToOffer()),
  };
}

function mailOver(access: WriteAccess): MailRepo {
  const { unit, plain, sync, direct } = access;
  const read = async <R>(statement: () => Promise<R>) => {
    await sync();
    return statement();
  };
  return {
    // A purchase's confirmation goes with the batch's other rows: no statement of its own.
    async record(message) {
      unit.recordMail(message);
      return Promise.resolve();
    },
    sentTo: (recipient) => read(() => plain().mail.sentTo(recipient)),
    claimDue: (now, leaseUntil, limit) =>
      direct(() => plain().mail.claimDue(now, leaseUntil, limit)),
    markSent: (ids, now) => direct(() => plain().mail.markSent(ids, now)),
    retryAt: (id, at, error) => direct(() => plain().mail.retryAt(id, at, error)),
    markFailed: (id, error) => direct(() => plain().mail.markFailed(id, error)),
    recent: (limit) => read(() => plain().mail.recent(limit)),
  };
}

/**
 * Seats change only with seated holds and their purchases: every call reads or writes the
 * database directly, after the batch's memory is written out (the holds and bookings they name
 * must be rows by then).
 */
function seatingOver(access: WriteAccess): SeatingRepo {
  const { plain, sync, direct } = access;
  const repo = () => plain().seating;
  const read = async <R>(statement: () => Promise<R>) => {
    await sync();
    return statement();
  };
  return {
    insertPlan: (concertId, plan, seats) => direct(() => repo().insertPlan(concertId, plan, seats)),
    plan: (concertId) => repo().plan(concertId),
    claims: (concertId, now, range) => read(() => repo().claims(concertId, now, range)),
    claim: (concertId, holdId, seats) => direct(() => repo().claim(concertId, holdId, seats)),
    claimedByRunOut: (concertId, seats, now) =>
      read(() => repo().claimedByRunOut(concertId, seats, now)),
    ofHold: (holdId) => read(() => repo().ofHold(holdId)),
    releaseHold: (holdId) => direct(() => repo().releaseHold(holdId)),
    sell: (holdId, bookingId) => direct(() => repo().sell(holdId, bookingId)),
    sellUnheld: (concertId, bookingId, seats) =>
      direct(() => repo().sellUnheld(concertId, bookingId, seats)),
  };
}

/** A write's repositories in a batch: what a checkout needs answered from memory. */
export function batchedRepositories(access: WriteAccess): Repositories {
  return {
    concerts: concertsOver(access),
    holds: holdsOver(access),
    bookings: bookingsOver(access),
    sessions: {
      async ensure(sessionId, now) {
        access.unit.ensureSession(sessionId, now);
        return Promise.resolve();
      },
    },
    idempotency: idempotencyOver(access),
    organizer: organizerOver(access),
    waitingRoom: waitingRoomOver(access),
    waitingList: waitingListOver(access),
    mail: mailOver(access),
    seating: seatingOver(access),
    tickets: {
      async booking(bookingId) {
        await access.sync();
        return access.plain().tickets.booking(bookingId);
      },
      async checkIns(bookingId) {
        await access.sync();
        return access.plain().tickets.checkIns(bookingId);
      },
      checkIn: (record) => access.direct(() => access.plain().tickets.checkIn(record)),
    },
  };
}
