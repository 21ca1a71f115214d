import {
  CheckoutItemSchema,
  TicketShortfallSchema,
  type CheckoutItem,
  type TicketShortfall,
} from '@ticket-booking/shared';

const ItemsSchema = CheckoutItemSchema.array().min(1);
const ShortfallsSchema = TicketShortfallSchema.array();

/**
 * The tickets the concert page sent the shopper here with, as router state `{ items }`. History
 * state survives a reload, so this is also how a reloaded checkout knows what was chosen.
 */
export function itemsFromState(state: unknown): CheckoutItem[] | null {
  if (typeof state !== 'object' || state === null || !('items' in state)) return null;
  const parsed = ItemsSchema.safeParse(state.items);
  return parsed.success ? parsed.data : null;
}

/** Whether two orders ask for the same quantity of the same tiers, in whatever order. */
export function sameItems(
  a: readonly Pick<CheckoutItem, 'tier' | 'quantity'>[],
  b: readonly Pick<CheckoutItem, 'tier' | 'quantity'>[],
): boolean {
  if (a.length !== b.length) return false;
  const quantities = new Map(a.map((item) => [item.tier, item.quantity]));
  return b.every((item) => quantities.get(item.tier) === item.quantity);
}

/** Just the tiers and quantities, as a checkout request wants them. */
export function toCheckoutItems(
  items: readonly Pick<CheckoutItem, 'tier' | 'quantity'>[],
): CheckoutItem[] {
  return items.map(({ tier, quantity }) => ({ tier, quantity }));
}

export function countTickets(items: readonly Pick<CheckoutItem, 'quantity'>[]): number {
  return items.reduce((sum, item) => sum + item.quantity, 0);
}

/** The shortfalls a 409 NOT_ENOUGH_TICKETS names, or an empty list if it names none we understand. */
export function shortfallsOf(details: unknown): TicketShortfall[] {
  const parsed = ShortfallsSchema.safeParse(details);
  return parsed.success ? parsed.data : [];
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
