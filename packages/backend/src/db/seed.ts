import { randomUUID } from 'node:crypto';
import { normalizeEmail } from '@ticket-booking/shared';
import { planSeats, seatRefOf, type PlanSeatEntry, type SeatPlan } from '@ticket-booking/shared';
import { insertSeatPlan, seatsPerTier } from '../modules/seating/seating.service.js';
import { DEMO_BUYERS, demoConcerts } from './demo-data.js';
import type { Store, Transaction } from './store.js';

/** The session that owns the demo's earlier box-office sales; no cookie can ever name it. */
const BOX_OFFICE_SESSION = 'box-office';
const BOX_OFFICE_ORDER_SIZES = [2, 1, 4, 3, 2, 2, 1, 4];

/**
 * Writes the demo concerts. Tickets shown as sold are real bookings at the box office, so sold
 * always equals the tickets in confirmed bookings.
 */
async function insertDemo(tx: Transaction, now: number): Promise<number> {
  const { concerts, bookings } = tx;
  await tx.sessions.ensure(BOX_OFFICE_SESSION, now);
  const demo = demoConcerts(now);
  let order = 0;
  for (const { concert, sold, seatPlan } of demo) {
    const seats = seatsPerTier(seatPlan);
    const tiers = concert.tiers.map((tier) => {
      const count = seats.get(tier.code) ?? 0;
      return count > 0 ? { ...tier, total: count, seats: count } : tier;
    });
    await concerts.insert({ ...concert, tiers }, now);
    if (seatPlan) {
      await insertSeatPlan(tx, concert.id, seatPlan, await concerts.tiersForUpdate(concert.id));
    }
    for (const tier of await concerts.tiersForUpdate(concert.id)) {
      let left = sold[tier.code] ?? 0;
      const free = seatPlan ? boxOfficeSeats(seatPlan, tier.code) : undefined;
      while (left > 0) {
        const quantity = Math.min(left, BOX_OFFICE_ORDER_SIZES[order % 8] ?? 1);
        const picked = free?.splice(0, quantity);
        const buyer = DEMO_BUYERS[order % DEMO_BUYERS.length] ?? 'Guest';
        const email = `${buyer.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com`;
        order += 1;
        left -= quantity;
        const id = randomUUID();
        await bookings.insert({
          id,
          confirmationCode: `DEMO-${String(order).padStart(4, '0')}`,
          sessionId: BOX_OFFICE_SESSION,
          concertId: concert.id,
          status: 'CONFIRMED',
          totalCents: quantity * tier.priceCents,
          currency: tier.currency,
          buyerName: buyer,
          buyerEmail: email,
          buyerEmailKey: normalizeEmail(email),
          cardBrand: 'visa',
          cardLast4: '4242',
          // Paid at the desk: no expiry, so that no shopper's test card counts as the same card.
          cardExpiry: '',
          createdAt: now - order * 60_000,
          items: [
            {
              tierId: tier.id,
              tier: tier.code,
              name: tier.name,
              quantity,
              unitPriceCents: tier.priceCents,
              ...(picked && { seats: picked.map(seatRefOf) }),
            },
          ],
        });
        if (picked) {
          await tx.seating.sellUnheld(
            concert.id,
            id,
            picked.map((seat) => seat.index),
          );
        }
        await concerts.addSold(tier.id, quantity);
      }
    }
  }
  return demo.length;
}

/**
 * Seats of the tier for the box office to have sold, best first: runs of a few side by side with
 * gaps between them, as a hall looks some weeks before the night.
 */
function boxOfficeSeats(plan: SeatPlan, tier: string): PlanSeatEntry[] {
  const seats = planSeats(plan).filter((seat) => seat.tier === tier);
  return seats.filter((seat) => (seat.index * 7 + seat.rowIndex * 3) % 11 < 6);
}

/** Resets the database to the demo state. Returns how many concerts it wrote. */
export function seedDemo(store: Store, now: number): Promise<number> {
  return store.write(async (tx) => {
    await tx.clearAll();
    return insertDemo(tx, now);
  });
}

/** Seeds a database that has no concerts, so a first run has something to show. */
export function seedIfEmpty(store: Store, now: number): Promise<number> {
  return store.write(async (tx) => ((await tx.concerts.count()) === 0 ? insertDemo(tx, now) : 0));
}
