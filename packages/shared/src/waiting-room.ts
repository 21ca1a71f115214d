import { z } from 'zod';
import { ConcertIdSchema } from './ids.js';

/**
 * The last place in a waiting room let in at `now`: the first place at on-sale, then
 * `admitPerMinute` more each minute. It follows from the clock alone, so every server instance
 * and every browser tells the same line without asking anyone.
 */
export function lastAdmittedPlace(
  room: { onSaleAt: number; admitPerMinute: number },
  now: number,
): number {
  if (now < room.onSaleAt) return 0;
  return Math.floor(((now - room.onSaleAt) * room.admitPerMinute) / 60_000) + 1;
}

/** When `place` is let in: the first instant `lastAdmittedPlace` reaches it. */
export function admissionTime(
  room: { onSaleAt: number; admitPerMinute: number },
  place: number,
): number {
  return room.onSaleAt + Math.ceil(((place - 1) * 60_000) / room.admitPerMinute);
}

/**
 * A shopper's place in a concert's waiting room. Before on-sale it has no number yet: everyone
 * who joined by then is given a random one at on-sale. Once `place` is let in (`admittedAt`),
 * `pass` lets this session check out until `passExpiresAt`, and is renewed on asking again.
 */
export const WaitingRoomPlaceSchema = z.object({
  concertId: ConcertIdSchema,
  state: z.enum(['WAITING', 'ADMITTED']),
  joinedAt: z.iso.datetime(),
  onSaleAt: z.iso.datetime(),
  admitPerMinute: z.int().positive(),
  /** From 1; absent before on-sale for those who joined before it. */
  place: z.int().positive().optional(),
  /** When the place is let in; absent while it has no number. */
  admittedAt: z.iso.datetime().optional(),
  pass: z.string().optional(),
  passExpiresAt: z.iso.datetime().optional(),
  /** The server's clock, for telling the wait in the browser. */
  serverTime: z.iso.datetime(),
});
export type WaitingRoomPlace = z.infer<typeof WaitingRoomPlaceSchema>;

export const WaitingRoomPlaceResponseSchema = z.object({
  place: WaitingRoomPlaceSchema.nullable(),
});
export type WaitingRoomPlaceResponse = z.infer<typeof WaitingRoomPlaceResponseSchema>;
