import { z } from 'zod';
import { BuyerSchema } from './bookings.js';
import { CurrencySchema } from './concerts.js';
import { ConcertIdSchema, OfferTokenSchema, TierCodeSchema } from './ids.js';

/** How long an offer holds its tickets unless the organizer sets otherwise, in minutes. */
export const DEFAULT_OFFER_MINUTES = 30;

/** The most minutes an organizer may let an offer hold its tickets: a day. */
export const MAX_OFFER_MINUTES = 1440;

/**
 * The body of `POST /api/concerts/:id/waiting-list`: the tickets of one tier a shopper waits
 * for, and where to tell them when they come back. The per-order limit is configuration, so the
 * schema is built for a limit, as the checkout's is.
 */
export function createWaitingListJoinSchema(limits: { maxTicketsPerOrder: number }) {
  const max = limits.maxTicketsPerOrder;
  return z.strictObject(
    {
      tier: TierCodeSchema,
      email: BuyerSchema.shape.email,
      quantity: z
        .int({ error: 'Quantity must be a whole number' })
        .min(1, { error: 'Quantity must be at least 1' })
        .max(max, { error: `Quantity must be at most ${max}, the most one order may have` }),
    },
    { error: 'Send the tier, an email address and a quantity' },
  );
}
export type WaitingListJoinRequest = z.infer<ReturnType<typeof createWaitingListJoinSchema>>;

/**
 * Where one entry of a waiting list stands: waiting for tickets to come back; offered them
 * (held for it until the offer ends); bought them; the offer ended unused; or left.
 */
export const WaitingListStatusSchema = z.enum(['WAITING', 'OFFERED', 'BOUGHT', 'LAPSED', 'LEFT']);
export type WaitingListStatus = z.infer<typeof WaitingListStatusSchema>;

/** Tickets held for one entry of a waiting list, until `expiresAt`, for whoever has its token. */
export const OfferSchema = z.object({
  token: OfferTokenSchema,
  concertId: ConcertIdSchema,
  tier: TierCodeSchema,
  tierName: z.string(),
  quantity: z.int().positive(),
  unitPriceCents: z.int().nonnegative(),
  currency: CurrencySchema,
  /** OPEN until `expiresAt`; BOUGHT once paid for; ENDED when it ran out or was given up. */
  status: z.enum(['OPEN', 'BOUGHT', 'ENDED']),
  expiresAt: z.iso.datetime(),
  /** The server's clock, for counting down in the browser. */
  serverTime: z.iso.datetime(),
});
export type Offer = z.infer<typeof OfferSchema>;

export const OfferResponseSchema = z.object({ offer: OfferSchema });
export type OfferResponse = z.infer<typeof OfferResponseSchema>;

/** A shopper's own entry on a concert's waiting list. */
export const WaitingListEntrySchema = z.object({
  concertId: ConcertIdSchema,
  tier: TierCodeSchema,
  quantity: z.int().positive(),
  email: z.string(),
  status: WaitingListStatusSchema,
  joinedAt: z.iso.datetime(),
  /** While WAITING: how many entries of the tier's list are ahead of this one. */
  ahead: z.int().nonnegative().optional(),
  /** While OFFERED: the tickets held for it. */
  offer: OfferSchema.optional(),
});
export type WaitingListEntry = z.infer<typeof WaitingListEntrySchema>;

export const WaitingListEntryResponseSchema = z.object({ entry: WaitingListEntrySchema });
export type WaitingListEntryResponse = z.infer<typeof WaitingListEntryResponseSchema>;

/** The session's entries on a concert's waiting lists, one per tier at most, that are not over. */
export const WaitingListEntriesResponseSchema = z.object({
  entries: z.array(WaitingListEntrySchema),
});
export type WaitingListEntriesResponse = z.infer<typeof WaitingListEntriesResponseSchema>;

/** One entry of a concert's waiting lists as its organizer sees it. */
export const OrganizerWaitingListEntrySchema = z.object({
  tier: TierCodeSchema,
  quantity: z.int().positive(),
  email: z.string(),
  status: WaitingListStatusSchema,
  joinedAt: z.iso.datetime(),
  offeredAt: z.iso.datetime().optional(),
  offerExpiresAt: z.iso.datetime().optional(),
});
export type OrganizerWaitingListEntry = z.infer<typeof OrganizerWaitingListEntrySchema>;

/** `GET /api/admin/concerts/:id/waiting-list`: every entry, each tier's in its order. */
export const OrganizerWaitingListSchema = z.object({
  concertId: ConcertIdSchema,
  /** How long an offer holds its tickets, in minutes. */
  offerMinutes: z.int().positive(),
  entries: z.array(OrganizerWaitingListEntrySchema),
  asOf: z.iso.datetime(),
});
export type OrganizerWaitingList = z.infer<typeof OrganizerWaitingListSchema>;
