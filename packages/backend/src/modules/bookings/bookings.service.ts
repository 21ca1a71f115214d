import { randomInt, randomUUID } from 'node:crypto';
import {
  cardBrand,
  isCardExpired,
  type Booking,
  type BookingRequest,
  type BookingResponse,
} from '@ticket-booking/shared';
import { AppError } from '../../lib/app-error.js';
import { toIso } from '../../lib/clock.js';
import { scheduleOnSale, venueTime } from '../concerts/concerts.service.js';
import {
  afterDueSweep,
  requireLiveHold,
  type HoldsDeps,
  type HoldsMetrics,
} from '../holds/holds.service.js';
import {
  answerOnce,
  isFreshSuccess,
  type IdempotencyKey,
  type Reply,
} from '../idempotency/idempotency.service.js';
import type { BookingRecord, BookingsRepo, NewBooking } from './bookings.repo.js';
import type { PaymentGateway } from './payment-gateway.js';

/** What a purchase counts, once it is committed; the server exports them as metrics. */
export interface BookingsMetrics extends HoldsMetrics {
  holdConverted(): void;
  bookingConfirmed(): void;
  bookingCancelled(): void;
}

export interface BookingsDeps extends HoldsDeps {
  bookings: BookingsRepo;
  payments: PaymentGateway;
  metrics: BookingsMetrics;
}

/** Letters and digits that cannot be misread for one another when spoken or handwritten. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';

function newConfirmationCode(): string {
  const chars = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

export function bookingNotFound(): AppError {
  return new AppError('BOOKING_NOT_FOUND', 'There is no such booking.');
}

export function bookingNotCancellable(startedAt: string): AppError {
  return new AppError(
    'BOOKING_NOT_CANCELLABLE',
    `This concert started on ${startedAt}, so the booking can no longer be cancelled.`,
  );
}

function toBookingView(record: BookingRecord): Booking {
  return {
    id: record.id,
    confirmationCode: record.confirmationCode,
    concertId: record.concertId,
    status: record.status,
    items: record.items.map(({ tier, name, quantity, unitPriceCents }) => ({
      tier,
      name,
      quantity,
      unitPriceCents,
    })),
    totalCents: record.totalCents,
    currency: record.currency,
    buyer: { name: record.buyerName, email: record.buyerEmail },
    payment: { brand: record.cardBrand, last4: record.cardLast4 },
    createdAt: toIso(record.createdAt),
    ...(record.cancelledAt === null ? {} : { cancelledAt: toIso(record.cancelledAt) }),
  };
}

/**
 * Buys the session's held tickets, inside a durable write transaction, while the concert's sales
 * are open (409 SALES_CLOSED after, even for a hold made before): the live hold becomes a
 * confirmed booking, its tickets move from held to sold and the hold is gone. Prices come from
 * the database. A declined card changes nothing, so the shopper keeps the hold and can try
 * another card.
 *
 * The simulated charge answers at once, so it runs inside the transaction and cannot race a
 * change to the hold. A real gateway would authorize before the transaction and capture after it.
 */
function buyHeldTickets(
  deps: BookingsDeps,
  sessionId: string,
  request: BookingRequest,
): { booking: Booking; expired: number } {
  const now = deps.clock.now();
  scheduleOnSale(deps, request.concertId, now);
  // Checked by the transaction's clock, so that a repeat of the request is answered as it was.
  if (isCardExpired(request.payment.expiry, new Date(now))) {
    throw new AppError('VALIDATION_FAILED', 'The card has expired.', [
      { field: 'payment.expiry', message: 'This card has expired' },
    ]);
  }
  return afterDueSweep(deps, request.concertId, now, ({ expired }) => {
    const hold = requireLiveHold(deps, sessionId, request.concertId, now);
    const totalCents = hold.items.reduce((sum, i) => sum + i.quantity * i.unitPriceCents, 0);
    const payment = deps.payments.charge(request.payment, totalCents);
    if (!payment.approved) {
      throw new AppError('PAYMENT_DECLINED', payment.reason, [
        { field: 'payment.cardNumber', message: payment.reason },
      ]);
    }
    let confirmationCode = newConfirmationCode();
    while (deps.bookings.isConfirmationCodeTaken(confirmationCode)) {
      confirmationCode = newConfirmationCode();
    }
    const record: NewBooking = {
      id: randomUUID(),
      confirmationCode,
      sessionId,
      concertId: request.concertId,
      status: 'CONFIRMED',
      totalCents,
      currency: hold.items[0]?.currency ?? 'USD',
      buyerName: request.buyer.name,
      buyerEmail: request.buyer.email,
      cardBrand: payment.brand,
      cardLast4: payment.last4,
      createdAt: now,
      items: hold.items.map((item) => ({
        tierId: item.tierId,
        tier: item.code,
        name: item.name,
        quantity: item.quantity,
        unitPriceCents: item.unitPriceCents,
      })),
    };
    deps.bookings.insert(record);
    for (const item of hold.items) deps.concerts.sellHeld(item.tierId, item.quantity);
    deps.holds.delete(hold);
    deps.concerts.countHolds(request.concertId, { converted: 1 });
    deps.concerts.bumpVersion(request.concertId);
    return { booking: toBookingView({ ...record, cancelledAt: null }), expired };
  });
}

/**
 * What tells one booking request from another, for an idempotency key. The card is reduced to
 * what a booking keeps anyway (brand, last four digits, expiry): its number and security code are
 * never stored, not even hashed, as a card has few enough unknown digits to hash them all.
 */
function bookingIdentity(request: BookingRequest) {
  const { cardNumber, expiry } = request.payment;
  return {
    concertId: request.concertId,
    buyer: request.buyer,
    card: { brand: cardBrand(cardNumber), last4: cardNumber.slice(-4), expiry },
  };
}

/**
 * Buys the held tickets in one durable transaction (see `buyHeldTickets`), answering 201
 * `{ booking }`. With an idempotency key it is done once, and a repeat is given the first answer.
 */
export async function createBooking(
  deps: BookingsDeps,
  sessionId: string,
  request: BookingRequest,
  key?: IdempotencyKey,
): Promise<Reply> {
  let expired = 0;
  const reply = await deps.db.write(
    () =>
      answerOnce(
        deps,
        { sessionId, key, request: key && bookingIdentity(request) },
        201,
        (): BookingResponse => {
          const bought = buyHeldTickets(deps, sessionId, request);
          expired = bought.expired;
          return { booking: bought.booking };
        },
      ),
    { durable: true },
  );
  // Counted once committed, and only for work done now: a replay or a refusal changed nothing.
  if (isFreshSuccess(reply)) {
    deps.metrics.holdsExpired(expired);
    deps.metrics.holdConverted();
    deps.metrics.bookingConfirmed();
    deps.changes.concertChanged(request.concertId);
  }
  return reply;
}

export function listBookings(deps: BookingsDeps, sessionId: string): Booking[] {
  return deps.bookings.listForSession(sessionId).map(toBookingView);
}

export function getBooking(deps: BookingsDeps, sessionId: string, bookingId: string): Booking {
  const record = deps.bookings.findForSession(bookingId, sessionId);
  if (!record) throw bookingNotFound();
  return toBookingView(record);
}

/**
 * Cancels the session's own confirmed booking inside a write transaction: the row stays, marked
 * cancelled, and its tickets go back on sale. A booking already cancelled is answered as it is,
 * changing nothing, so a repeated or retried cancellation never gives tickets back twice.
 */
function cancelOwnBooking(
  deps: BookingsDeps,
  sessionId: string,
  bookingId: string,
): { booking: Booking; cancelled: boolean } {
  const now = deps.clock.now();
  const record = deps.bookings.findForSession(bookingId, sessionId);
  if (!record) throw bookingNotFound();
  if (record.status === 'CANCELLED') return { booking: toBookingView(record), cancelled: false };
  const schedule = deps.concerts.schedule(record.concertId);
  if (!schedule) throw bookingNotFound();
  if (now >= schedule.startsAt) {
    throw bookingNotCancellable(venueTime(schedule, schedule.startsAt));
  }
  deps.bookings.cancel(record.id, now);
  for (const item of record.items) deps.concerts.returnSold(item.tierId, item.quantity);
  deps.concerts.bumpVersion(record.concertId);
  const cancelled: BookingRecord = { ...record, status: 'CANCELLED', cancelledAt: now };
  return { booking: toBookingView(cancelled), cancelled: true };
}

/**
 * Cancels the booking in one durable transaction (see `cancelOwnBooking`); the payment was
 * simulated, so there is nothing to refund beyond saying so. Watchers hear of the freed tickets
 * once they are committed.
 */
export async function cancelBooking(
  deps: BookingsDeps,
  sessionId: string,
  bookingId: string,
): Promise<Booking> {
  const { booking, cancelled } = await deps.db.write(
    () => cancelOwnBooking(deps, sessionId, bookingId),
    { durable: true },
  );
  if (cancelled) {
    deps.metrics.bookingCancelled();
    deps.changes.concertChanged(booking.concertId);
  }
  return booking;
}
