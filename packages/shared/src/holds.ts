import { z } from 'zod';
import { ConcertIdSchema, TierCodeSchema } from './ids.js';
import { CurrencySchema } from './concerts.js';
import { objectOf } from './validation-messages.js';
import { SeatIdSchema, SeatRefSchema } from './seating.js';

/** Upper bound on any one quantity, whatever the configured per-order limit. */
const MAX_QUANTITY = 1000;

export const CheckoutItemSchema = z.strictObject(
  {
    tier: TierCodeSchema,
    quantity: z
      .int({ error: 'Quantity must be a whole number' })
      .min(1, { error: 'Quantity must be at least 1' })
      .max(MAX_QUANTITY, { error: `Quantity must be at most ${MAX_QUANTITY}` }),
  },
  { error: objectOf('a tier and a quantity') },
);
export type CheckoutItem = z.infer<typeof CheckoutItemSchema>;

/**
 * The body of `POST /api/holds/checkout`. The per-order limit is configuration, so the schema is
 * built for a limit: the backend builds it from its config, the web app from what the API reports.
 */
export function createCheckoutRequestSchema(limits: { maxTicketsPerOrder: number }) {
  const max = limits.maxTicketsPerOrder;
  return z
    .strictObject({
      concertId: ConcertIdSchema,
      /** Tickets by quantity; in a seated tier, the best seats together are picked. */
      items: z
        .array(CheckoutItemSchema, { error: 'Items must be a list of tiers and quantities' })
        .max(50, { error: 'Items may list at most 50 tiers' })
        .default([]),
      /** Seats picked on the map, by id: each is sold in its own tier. */
      seats: z
        .array(SeatIdSchema, { error: 'Seats must be a list of seat ids' })
        .max(MAX_QUANTITY, { error: `Seats may list at most ${MAX_QUANTITY} seats` })
        .optional(),
      /** The waiting room's pass, for a concert that sells through one. */
      pass: z
        .string({ error: 'Pass must be text: the one the waiting room gave' })
        .max(200, { error: 'Pass must be at most 200 characters' })
        .optional(),
    })
    .check((ctx) => {
      const seen = new Set<string>();
      const seats = ctx.value.seats ?? [];
      const picked = new Set<string>();
      seats.forEach((seat, index) => {
        if (picked.has(seat)) {
          ctx.issues.push({
            code: 'custom',
            input: seat,
            path: ['seats', index],
            message: `Seat "${seat}" appears more than once`,
          });
        }
        picked.add(seat);
      });
      let tickets = seats.length;
      ctx.value.items.forEach((item, index) => {
        if (seen.has(item.tier)) {
          ctx.issues.push({
            code: 'custom',
            input: item.tier,
            path: ['items', index, 'tier'],
            message: `Tier "${item.tier}" appears more than once`,
          });
        }
        seen.add(item.tier);
        tickets += item.quantity;
      });
      // Only a list of valid quantities has a meaningful total; bad ones are reported already.
      const countable = ctx.value.items.every(
        (item) => Number.isSafeInteger(item.quantity) && item.quantity <= MAX_QUANTITY,
      );
      if (countable && tickets > max) {
        ctx.issues.push({
          code: 'custom',
          input: ctx.value.items,
          path: ['items'],
          message: `At most ${max} tickets per order (asked for ${tickets})`,
        });
      }
    })
    .refine((body) => body.items.length > 0 || (body.seats?.length ?? 0) > 0, {
      path: ['items'],
      error: 'Items must name at least one ticket',
      // Told even when other fields are wrong too: an order of nothing is wrong either way.
      when: ({ value }) => {
        if (typeof value !== 'object' || value === null) return false;
        const body = value as { items?: unknown; seats?: unknown };
        return Array.isArray(body.items) && (body.seats === undefined || Array.isArray(body.seats));
      },
    });
}
export type CheckoutRequest = z.infer<ReturnType<typeof createCheckoutRequestSchema>>;

export const HeartbeatRequestSchema = z.strictObject({
  concertId: ConcertIdSchema,
  active: z.boolean({ error: 'Active must be true or false' }),
  visible: z.boolean({ error: 'Visible must be true or false' }),
  /** Sent as the page goes away: the hold is kept only briefly, in case it is a reload. */
  leaving: z.boolean({ error: 'Leaving must be true or false' }).optional(),
});
export type HeartbeatRequest = z.infer<typeof HeartbeatRequestSchema>;

export const HoldItemSchema = z.object({
  tier: TierCodeSchema,
  name: z.string(),
  quantity: z.int().positive(),
  unitPriceCents: z.int().nonnegative(),
  /** In a seated tier: the seats held, one per ticket. */
  seats: z.array(SeatRefSchema).optional(),
});
export type HoldItem = z.infer<typeof HoldItemSchema>;

export const HoldSchema = z.object({
  concertId: ConcertIdSchema,
  items: z.array(HoldItemSchema),
  totalCents: z.int().nonnegative(),
  currency: CurrencySchema,
  createdAt: z.iso.datetime(),
  /**
   * When the server releases the hold unless a heartbeat moves it: the earliest of the deadline,
   * the inactivity timeout, a silent page's grace and the hard cap.
   */
  expiresAt: z.iso.datetime(),
  deadlineAt: z.iso.datetime(),
  hardCapAt: z.iso.datetime(),
  /**
   * When the shopper was last seen active (entering checkout, or an active heartbeat from a
   * visible page): the hold is released `inactivityTimeoutMs` after it, if nothing moves it.
   */
  lastActiveAt: z.iso.datetime(),
  /** The server's clock when it answered, so the browser can correct its own skew. */
  serverTime: z.iso.datetime(),
  heartbeatIntervalMs: z.int().positive(),
  inactivityTimeoutMs: z.int().positive(),
});
export type Hold = z.infer<typeof HoldSchema>;

export const HoldResponseSchema = z.object({ hold: HoldSchema });
export type HoldResponse = z.infer<typeof HoldResponseSchema>;

/** `GET /api/holds/:concertId`: the session's live hold on the concert, or null. */
export const CurrentHoldResponseSchema = z.object({ hold: HoldSchema.nullable() });
export type CurrentHoldResponse = z.infer<typeof CurrentHoldResponseSchema>;
