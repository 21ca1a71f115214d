import { randomInt, randomUUID } from 'node:crypto';
import {
  cardBrand,
  isCardExpired,
  normalizeEmail,
  type Booking,
  type BookingRequest,
  type BookingResponse,
} from '@ticket-booking/shared';
import { AppError } from '../../lib/app-error.js';
import { toIso } from '../../lib/clock.js';
import type { Transaction } from '../../db/store.js';
import { scheduleOnSale, venueTime } from '../concerts/concerts.service.js';
import {
  afterDueSweep,
  requireLiveHold,
  type HoldsDeps,
  type HoldsMetrics,
} from '../holds/index.js';
import { answerOnce, type IdempotencyKey, type Reply } from '../idempotency/idempotency.service.js';
import type { BookingRecord, BuyerKey, NewBooking } from './bookings.repo.js';
import type { ConcertSchedule } from '../concerts/concerts.repo.js';
import type { HoldRecord } from '../holds/holds.repo.js';
import { bookingFacts, concertFacts } from '../mail/letters.js';
import { mailMessage } from '../mail/render.js';
import type { TicketCodes } from '../tickets/ticket-codes.js';
import { bookingTickets } from '../tickets/tickets.service.js';
import { offerEnded, offerNotFound } from '../waiting-list/errors.js';
import { withHoldSeats } from '../seating/seating.service.js';
import { offerFreeTickets, offerSessionId } from '../waiting-list/offers.js';
import type { WaitingListRecord } from '../waiting-list/waiting-list.repo.js';
import type { PaymentGateway } from './payment-gateway.js';

/** What a purchase counts, once it is committed; the server exports them as metrics. */
export interface BookingsMetrics extends HoldsMetrics {
  holdConverted(): void;
  bookingConfirmed(): void;
  bookingCancelled(): void;
}

export interface BookingsDeps extends HoldsDeps {
  payments: PaymentGateway;
  ticketCodes: TicketCodes;
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

export function toBookingView(codes: TicketCodes, record: BookingRecord): Booking {
  const tickets = bookingTickets(codes, record);
  return {
    id: record.id,
    confirmationCode: record.confirmationCode,
    concertId: record.concertId,
    status: record.status,
    items: record.items.map(({ tier, name, quantity, unitPriceCents, seats }) => ({
      tier,
      name,
      quantity,
      unitPriceCents,
      ...(seats && { seats }),
    })),
    totalCents: record.totalCents,
    currency: record.currency,
    buyer: { name: record.buyerName, email: record.buyerEmail },
    payment: { brand: record.cardBrand, last4: record.cardLast4 },
    createdAt: toIso(record.createdAt),
    ...(record.cancelledAt === null ? {} : { cancelledAt: toIso(record.cancelledAt) }),
    ...(tickets && { tickets }),
  };
}

/** Whom a booking request buys for, as the per-buyer limit counts them. */
function buyerOf(request: BookingRequest): BuyerKey {
  const { cardNumber, expiry } = request.payment;
  return {
    emailKey: normalizeEmail(request.buyer.email),
    cardBrand: cardBrand(cardNumber),
    cardLast4: cardNumber.slice(-4),
    cardExpiry: expiry,
  };
}

/**
 * Refuses with 409 PURCHASE_LIMIT_REACHED a purchase that would take what one buyer, known by
 * the email address or by the card, has bought of the concert past its `maxTicketsPerBuyer`:
 * more sessions, orders or spellings of one address buy no more. Decided under the concert's
 * lock, as every purchase of it is; the hold is kept, for a smaller order.
 */
async function requireUnderBuyerLimit(
  tx: Transaction,
  schedule: ConcertSchedule,
  concertId: string,
  buyer: BuyerKey,
  hold: Pick<HoldRecord, 'items'>,
): Promise<void> {
  const max = schedule.maxTicketsPerBuyer;
  if (max === null) return;
  const bought = await tx.bookings.ticketsBoughtBy(concertId, buyer);
  const wanted = hold.items.reduce((sum, item) => sum + item.quantity, 0);
  if (bought + wanted <= max) return;
  const left = Math.max(0, max - bought);
  const already =
    bought === 0
      ? ''
      : ` ${bought === 1 ? '1 ticket was' : `${bought} tickets were`} bought with this email address or card already,`;
  throw new AppError(
    'PURCHASE_LIMIT_REACHED',
    left === 0
      ? `This concert sells at most ${max} tickets to one buyer.${already} so no more can be bought.`
      : `This concert sells at most ${max} tickets to one buyer.${already} so this order may have ${left} at most: it has ${wanted}.`,
    [{ limit: 'ticketsPerBuyer', max, bought, left }],
  );
}

/**
 * The waiting-list entry whose offer `token` is, and the hold it has, while the offer is
 * open: 404 OFFER_NOT_FOUND for no such offer of this concert; 410 OFFER_ENDED once it ran out,
 * was given up or bought.
 */
async function requireOpenOffer(
  tx: Transaction,
  concertId: string,
  token: string,
  now: number,
): Promise<{ entry: WaitingListRecord; hold: HoldRecord }> {
  const entry = await tx.waitingList.findByToken(token);
  if (entry?.concertId !== concertId) throw offerNotFound();
  const hold = await tx.holds.find(offerSessionId(token), concertId);
  if (entry.status !== 'OFFERED' || !hold || hold.expiresAt <= now) throw offerEnded();
  return { entry, hold };
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
async function buyHeldTickets(
  tx: Transaction,
  deps: BookingsDeps,
  sessionId: string,
  request: BookingRequest,
): Promise<Booking> {
  const now = deps.clock.now();
  const schedule = await scheduleOnSale(tx, request.concertId, now);
  // Checked by the transaction's clock, so that a repeat of the request is answered as it was.
  if (isCardExpired(request.payment.expiry, new Date(now))) {
    throw new AppError('VALIDATION_FAILED', 'The card has expired.', [
      { field: 'payment.expiry', message: 'This card has expired' },
    ]);
  }
  return afterDueSweep(tx, deps, request.concertId, now, async () => {
    const offer =
      request.offer === undefined
        ? undefined
        : await requireOpenOffer(tx, request.concertId, request.offer, now);
    const held = offer ? offer.hold : await requireLiveHold(tx, sessionId, request.concertId, now);
    const hold = await withHoldSeats(tx, deps.seatLayouts, held);
    const buyer = buyerOf(request);
    await requireUnderBuyerLimit(tx, schedule, request.concertId, buyer, hold);
    const totalCents = hold.items.reduce((sum, i) => sum + i.quantity * i.unitPriceCents, 0);
    const payment = deps.payments.charge(request.payment, totalCents);
    if (!payment.approved) {
      throw new AppError('PAYMENT_DECLINED', payment.reason, [
        { field: 'payment.cardNumber', message: payment.reason },
      ]);
    }
    let confirmationCode = newConfirmationCode();
    while (await tx.bookings.isConfirmationCodeTaken(confirmationCode)) {
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
      buyerEmailKey: buyer.emailKey,
      cardBrand: payment.brand,
      cardLast4: payment.last4,
      cardExpiry: buyer.cardExpiry,
      createdAt: now,
      items: hold.items.map((item) => ({
        tierId: item.tierId,
        tier: item.code,
        name: item.name,
        quantity: item.quantity,
        unitPriceCents: item.unitPriceCents,
        ...(item.seats && { seats: item.seats }),
      })),
    };
    // A session buying an offer may never have held anything itself.
    if (offer) await tx.sessions.ensure(sessionId, now);
    await tx.bookings.insert(record);
    // Before the hold goes: its seats would go with it.
    if (hold.items.some((item) => item.seats)) await tx.seating.sell(hold.id, record.id);
    await tx.mail.record(
      mailMessage(
        record.buyerEmail,
        {
          kind: 'booking-confirmed',
          booking: bookingFacts(record),
          concert: concertFacts(schedule),
        },
        now,
      ),
    );
    for (const item of hold.items) await tx.concerts.sellHeld(item.tierId, item.quantity);
    await tx.holds.delete(hold);
    if (offer) await tx.waitingList.setStatus(offer.entry.id, 'BOUGHT');
    await tx.concerts.countHolds(request.concertId, { converted: 1 });
    await tx.concerts.bumpVersion(request.concertId);
    tx.afterCommit(() => {
      deps.metrics.holdConverted();
      deps.metrics.bookingConfirmed();
      deps.changes.concertChanged(request.concertId);
    });
    return toBookingView(deps.ticketCodes, { ...record, cancelledAt: null });
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
    offer: request.offer,
    buyer: request.buyer,
    card: { brand: cardBrand(cardNumber), last4: cardNumber.slice(-4), expiry },
  };
}

/**
 * Buys the held tickets in one durable transaction (see `buyHeldTickets`), answering 201
 * `{ booking }`. With an idempotency key it is done once, and a repeat is given the first answer.
 */
export function createBooking(
  deps: BookingsDeps,
  sessionId: string,
  request: BookingRequest,
  key?: IdempotencyKey,
): Promise<Reply<BookingResponse>> {
  return deps.store.write(
    (tx) =>
      answerOnce(
        tx,
        deps.clock.now(),
        { sessionId, key, request: key && bookingIdentity(request) },
        201,
        async () => ({ booking: await buyHeldTickets(tx, deps, sessionId, request) }),
      ),
    {
      durable: true,
      touches: {
        concertId: request.concertId,
        sessionId: request.offer === undefined ? sessionId : offerSessionId(request.offer),
        buyer: buyerOf(request),
      },
    },
  );
}

export async function listBookings(deps: BookingsDeps, sessionId: string): Promise<Booking[]> {
  return (await deps.store.bookings.listForSession(sessionId)).map((record) =>
    toBookingView(deps.ticketCodes, record),
  );
}

export async function getBooking(
  deps: BookingsDeps,
  sessionId: string,
  bookingId: string,
): Promise<Booking> {
  const record = await deps.store.bookings.findForSession(bookingId, sessionId);
  if (!record) throw bookingNotFound();
  return toBookingView(deps.ticketCodes, record);
}

/**
 * Cancels the session's own confirmed booking inside a write transaction: the row stays, marked
 * cancelled, and its tickets go back on sale. A booking already cancelled is answered as it is,
 * changing nothing, so a repeated or retried cancellation never gives tickets back twice.
 */
async function cancelOwnBooking(
  tx: Transaction,
  deps: BookingsDeps,
  sessionId: string,
  bookingId: string,
): Promise<Booking> {
  const now = deps.clock.now();
  const record = await tx.bookings.findForSession(bookingId, sessionId);
  if (!record) throw bookingNotFound();
  if (record.status === 'CANCELLED') return toBookingView(deps.ticketCodes, record);
  const schedule = await tx.concerts.schedule(record.concertId);
  if (!schedule) throw bookingNotFound();
  if (now >= schedule.startsAt) {
    throw bookingNotCancellable(venueTime(schedule, schedule.startsAt));
  }
  await tx.bookings.cancel(record.id, now);
  await tx.mail.record(
    mailMessage(
      record.buyerEmail,
      { kind: 'booking-cancelled', booking: bookingFacts(record), concert: concertFacts(schedule) },
      now,
    ),
  );
  for (const item of record.items) await tx.concerts.returnSold(item.tierId, item.quantity);
  await tx.concerts.bumpVersion(record.concertId);
  await offerFreeTickets(tx, deps, record.concertId, now, schedule);
  tx.afterCommit(() => {
    deps.metrics.bookingCancelled();
    deps.changes.concertChanged(record.concertId);
  });
  return toBookingView(deps.ticketCodes, { ...record, status: 'CANCELLED', cancelledAt: now });
}

/**
 * Cancels the booking in one durable transaction (see `cancelOwnBooking`); the payment was
 * simulated, so there is nothing to refund beyond saying so. Watchers hear of the freed tickets
 * once they are committed.
 */
export function cancelBooking(
  deps: BookingsDeps,
  sessionId: string,
  bookingId: string,
): Promise<Booking> {
  return deps.store.write((tx) => cancelOwnBooking(tx, deps, sessionId, bookingId), {
    durable: true,
  });
}
