import {
  CheckoutItemSchema,
  SeatIdSchema,
  SeatsApartSchema,
  SeatsTakenSchema,
  TicketShortfallSchema,
  type CheckoutItem,
  type CheckoutRequest,
  type Hold,
  type HoldItem,
  type SeatsApart,
  type SeatsTaken,
  type TicketShortfall,
} from '@ticket-booking/shared';
import { z } from 'zod';

/**
 * What the shopper chose to check out: tickets by quantity (in a seated tier, the best seats
 * together), and seats picked on the map, by id. A tier is in one or the other, never both.
 */
export interface ChosenTickets {
  items: CheckoutItem[];
  seats: string[];
}

const ChosenSchema = z
  .object({ items: CheckoutItemSchema.array(), seats: SeatIdSchema.array().default([]) })
  .refine((chosen) => chosen.items.length + chosen.seats.length > 0);
const ShortfallsSchema = TicketShortfallSchema.array();
const SeatsTakenListSchema = SeatsTakenSchema.array().min(1);
const SeatsApartListSchema = SeatsApartSchema.array().min(1);

/**
 * The tickets the concert page sent the shopper here with, as router state `{ items, seats }`.
 * History state survives a reload, so this is also how a reloaded checkout knows what was chosen.
 */
export function chosenFromState(state: unknown): ChosenTickets | null {
  const parsed = ChosenSchema.safeParse(state);
  return parsed.success ? parsed.data : null;
}

/** The request that holds `chosen`; it names seats only when some were picked. */
export function checkoutRequest(concertId: string, chosen: ChosenTickets): CheckoutRequest {
  const { items, seats } = chosen;
  return seats.length > 0 ? { concertId, items, seats } : { concertId, items };
}

/**
 * Whether a hold's items are what was chosen, in whatever order: the same quantity of each tier
 * asked for by quantity (in a seated tier, whichever seats were found), and the very seats picked.
 */
export function holdsChosen(held: readonly HoldItem[], chosen: ChosenTickets): boolean {
  const quantities = new Map(chosen.items.map((item) => [item.tier, item.quantity]));
  const seats = new Set(chosen.seats);
  let seatsHeld = 0;
  for (const item of held) {
    const ids = item.seats?.map((seat) => seat.id) ?? [];
    if (quantities.has(item.tier)) {
      if (quantities.get(item.tier) !== item.quantity) return false;
      quantities.delete(item.tier);
    } else if (ids.length > 0 && ids.every((id) => seats.has(id))) {
      seatsHeld += ids.length;
    } else {
      return false;
    }
  }
  return quantities.size === 0 && seatsHeld === seats.size;
}

/**
 * What a hold holds, as a choice: its seats by id, its other tickets by quantity. Asking for it
 * again holds the same tickets, so a reloaded checkout resumes it.
 */
export function chosenFromHold(hold: Pick<Hold, 'items'>): ChosenTickets {
  const items: CheckoutItem[] = [];
  const seats: string[] = [];
  for (const item of hold.items) {
    if (item.seats && item.seats.length > 0) seats.push(...item.seats.map((seat) => seat.id));
    else items.push({ tier: item.tier, quantity: item.quantity });
  }
  return { items, seats };
}

export function countTickets(items: readonly Pick<CheckoutItem, 'quantity'>[]): number {
  return items.reduce((sum, item) => sum + item.quantity, 0);
}

/** The shortfalls a 409 NOT_ENOUGH_TICKETS names, or an empty list if it names none we understand. */
export function shortfallsOf(details: unknown): TicketShortfall[] {
  const parsed = ShortfallsSchema.safeParse(details);
  return parsed.success ? parsed.data : [];
}

/** What a 409 SEATS_TAKEN names, or undefined if it names nothing we understand. */
export function seatsTakenOf(details: unknown): SeatsTaken | undefined {
  const parsed = SeatsTakenListSchema.safeParse(details);
  return parsed.success ? parsed.data[0] : undefined;
}

/** What a 409 NO_SEATS_TOGETHER names, or undefined if it names nothing we understand. */
export function seatsApartOf(details: unknown): SeatsApart | undefined {
  const parsed = SeatsApartListSchema.safeParse(details);
  return parsed.success ? parsed.data[0] : undefined;
}

/**
 * The order cut down to what is left: each short tier to its available count, tiers with nothing
 * left dropped, the others as asked.
 */
export function trimToAvailable(
  items: readonly CheckoutItem[],
  shortfalls: readonly TicketShortfall[],
): CheckoutItem[] {
  const available = new Map(shortfalls.map((s) => [s.tier, Math.max(0, s.available)]));
  return items
    .map((item) => ({
      tier: item.tier,
      quantity: Math.min(item.quantity, available.get(item.tier) ?? item.quantity),
    }))
    .filter((item) => item.quantity > 0);
}
