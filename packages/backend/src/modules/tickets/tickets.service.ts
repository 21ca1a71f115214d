import type {
  BookingTicket,
  CheckInRequest,
  DoorKey,
  SeatRef,
  Ticket,
} from '@ticket-booking/shared';
import type { Store } from '../../db/store.js';
import { AppError } from '../../lib/app-error.js';
import { toIso, type Clock } from '../../lib/clock.js';
import type { BookingItemRecord, BookingRecord } from '../bookings/bookings.repo.js';
import { venueTime } from '../concerts/concerts.service.js';
import type { CheckInRecord } from './tickets.repo.js';
import type { TicketCodes, TicketRef } from './ticket-codes.js';

export interface TicketsDeps {
  store: Store;
  clock: Clock;
  ticketCodes: TicketCodes;
}

export function ticketNotFound(): AppError {
  return new AppError('TICKET_NOT_FOUND', 'This is not one of our tickets.');
}

/** The booking's admissions, numbered from 1 through its items in order, each with its seat. */
function admissions(
  record: Pick<BookingRecord, 'items'>,
): { item: BookingItemRecord; seat?: SeatRef }[] {
  return record.items.flatMap((item) =>
    Array.from({ length: item.quantity }, (_, i) => ({ item, seat: item.seats?.[i] })),
  );
}

/** A confirmed booking's tickets, each with its code; a cancelled one has none. */
export function bookingTickets(
  codes: TicketCodes,
  record: Pick<BookingRecord, 'id' | 'status' | 'items'> & { concertId?: string },
): BookingTicket[] | undefined {
  if (record.status !== 'CONFIRMED') return undefined;
  return admissions(record).map(({ item, seat }, i) => ({
    code: codes.codeOf({ bookingId: record.id, number: i + 1 }, record.concertId),
    number: i + 1,
    tier: item.tier,
    ...(seat && { seat }),
  }));
}

function refOf(deps: TicketsDeps, code: string): TicketRef {
  const ref = deps.ticketCodes.read(code);
  if (!ref) throw ticketNotFound();
  return ref;
}

async function ticketView(
  deps: TicketsDeps,
  code: string,
  ref: TicketRef,
  booking: BookingRecord,
  checkIn: CheckInRecord | undefined,
): Promise<Ticket> {
  const admission = admissions(booking)[ref.number - 1];
  const concert = await deps.store.concerts.schedule(booking.concertId);
  if (!admission || !concert) throw ticketNotFound();
  const { item, seat } = admission;
  return {
    code,
    number: ref.number,
    bookingId: booking.id,
    confirmationCode: booking.confirmationCode,
    concertId: booking.concertId,
    concertName: concert.name,
    artist: concert.artist,
    venue: concert.venue,
    startsAt: toIso(concert.startsAt),
    timeZone: concert.timeZone,
    tier: item.tier,
    tierName: item.name,
    ...(seat && { seat }),
    holder: booking.buyerName,
    status: booking.status === 'CANCELLED' ? 'CANCELLED' : checkIn ? 'CHECKED_IN' : 'VALID',
    checkedInAt: checkIn ? toIso(checkIn.checkedInAt) : null,
    door: checkIn?.door ?? null,
  };
}

/** The booking a ticket's code names, if it has a ticket of that number. */
/** The booking of a genuine code: one made for a ticket of that booking's concert. */
async function bookingOf(deps: TicketsDeps, code: string, ref: TicketRef): Promise<BookingRecord> {
  const booking = await deps.store.tickets.booking(ref.bookingId);
  if (
    !booking ||
    ref.number > admissions(booking).length ||
    !deps.ticketCodes.isGenuine(code, booking.concertId)
  ) {
    throw ticketNotFound();
  }
  return booking;
}

/** The ticket a code names, for whoever has the code. */
export async function getTicket(deps: TicketsDeps, code: string): Promise<Ticket> {
  const ref = refOf(deps, code);
  const booking = await bookingOf(deps, code, ref);
  const checkIns = await deps.store.tickets.checkIns(ref.bookingId);
  return ticketView(
    deps,
    code,
    ref,
    booking,
    checkIns.find((c) => c.ticket === ref.number),
  );
}

/**
 * Lets a ticket in at a door, once: decided in one write transaction by the check-in's key, so
 * of two doors scanning it at once exactly one gets it through, and the other hears when and
 * where (409 ALREADY_CHECKED_IN). A cancelled booking's ticket is refused (409 TICKET_CANCELLED),
 * and a code the product did not make is not found, with nothing written.
 */
export async function checkIn(deps: TicketsDeps, request: CheckInRequest): Promise<Ticket> {
  const ref = refOf(deps, request.code);
  const concert = await deps.store.concerts.schedule(
    (await bookingOf(deps, request.code, ref)).concertId,
  );
  const now = deps.clock.now();
  const door = request.door ?? null;
  const { booking, record } = await deps.store.write(async (tx) => {
    const found = await tx.tickets.booking(ref.bookingId);
    if (!found || !concert) throw ticketNotFound();
    if (found.status === 'CANCELLED') {
      throw new AppError('TICKET_CANCELLED', 'This ticket’s booking was cancelled.');
    }
    const admission = admissions(found)[ref.number - 1];
    if (!admission) throw ticketNotFound();
    const entry: CheckInRecord = {
      bookingId: found.id,
      ticket: ref.number,
      tierId: admission.item.tierId,
      checkedInAt: now,
      door,
    };
    if (await tx.tickets.checkIn(entry)) return { booking: found, record: entry };
    const earlier = (await tx.tickets.checkIns(found.id)).find((c) => c.ticket === ref.number);
    const at = earlier?.checkedInAt ?? now;
    const where = earlier?.door ? ` at ${earlier.door}` : '';
    throw new AppError(
      'ALREADY_CHECKED_IN',
      `This ticket was already checked in on ${venueTime(concert, at)}${where}.`,
      [{ checkedInAt: toIso(at), door: earlier?.door ?? null }],
    );
  });
  return ticketView(deps, request.code, ref, booking, record);
}

/** How far around a concert's start its doors get its key: the day of the show. */
const DOOR_KEYS_BEFORE_MS = 48 * 3_600_000;
const DOOR_KEYS_AFTER_MS = 12 * 3_600_000;

/**
 * The door keys of the concerts starting from 12 hours ago to 48 hours from now, for doors to
 * check tickets with when their network is down. A key makes codes of its own concert only, and
 * goes only to holders of the door's or the organizer's token, who let people in anyway.
 */
export async function doorKeys(deps: TicketsDeps): Promise<DoorKey[]> {
  const now = deps.clock.now();
  const concerts = await deps.store.concerts.listAll(now);
  return concerts
    .filter(
      (concert) =>
        concert.startsAt >= now - DOOR_KEYS_AFTER_MS &&
        concert.startsAt <= now + DOOR_KEYS_BEFORE_MS,
    )
    .sort((a, b) => a.startsAt - b.startsAt)
    .map((concert) => ({
      concertId: concert.id,
      name: concert.name,
      artist: concert.artist,
      startsAt: toIso(concert.startsAt),
      timeZone: concert.timeZone,
      key: deps.ticketCodes.doorKey(concert.id).toString('base64url'),
    }));
}
