import { randomBytes } from 'node:crypto';
import { concertStatus } from '@ticket-booking/shared';
import type { Transaction } from '../../db/store.js';
import type { AvailabilityChanges } from '../availability/availability.hub.js';
import type { ConcertSchedule, TierRecord } from '../concerts/concerts.repo.js';
import { concertFacts } from '../mail/letters.js';
import { mailMessage } from '../mail/render.js';
import type { WaitingListRecord } from './waiting-list.repo.js';

/** What making offers needs: who hears of the change. */
export interface OfferDeps {
  changes: AvailabilityChanges;
}

/**
 * The session an offer's hold belongs to: none of a browser's, so no heartbeat, release or new
 * checkout of the shopper's own touches it, and only its token buys it.
 */
export function offerSessionId(token: string): string {
  return `offer:${token}`;
}

/** An offer's hold is asked for from no client: no address's limit counts it. */
const OFFER_ADDRESS = 'waiting-list';

function newOfferToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Offers the concert's free tickets to its waiting lists, inside the transaction that freed
 * them (or found them free): in each tier's order, every entry whose quantity fits in what is
 * free gets those tickets held for it until the concert's offer time runs out, and an email
 * with the offer's link, written in the same transaction. An entry that wants more than is free
 * keeps its place, and the tickets stay kept from sale for the list. Nothing is offered once
 * sales have closed. Resolves with how many offers it made.
 */
export async function offerFreeTickets(
  tx: Transaction,
  deps: OfferDeps,
  concertId: string,
  now: number,
  schedule?: ConcertSchedule,
): Promise<number> {
  const tiers = await tx.concerts.tiersForUpdate(concertId);
  const candidates = tiers.filter((tier) => tier.waiting > 0 && freeOf(tier) > 0);
  if (candidates.length === 0) return 0;
  const sale = schedule ?? (await tx.concerts.schedule(concertId));
  if (!sale || concertStatus(sale, now) !== 'ON_SALE') return 0;
  await tx.waitingList.lapseOffers(concertId, now);
  let offers = 0;
  for (const tier of candidates) {
    let free = freeOf(tier);
    for (const entry of await tx.waitingList.waiting(tier.id)) {
      if (free === 0) break;
      if (entry.quantity > free) continue;
      await offerTickets(tx, deps, { entry, tier, sale, now });
      free -= entry.quantity;
      offers += 1;
    }
  }
  if (offers > 0) {
    await tx.concerts.bumpVersion(concertId);
    tx.afterCommit(() => {
      deps.changes.concertChanged(concertId);
    });
  }
  return offers;
}

/** What the tier's stored counters leave free, the waiting list's claim aside. */
function freeOf(tier: TierRecord): number {
  return Math.max(0, tier.total - tier.sold - tier.held);
}

async function offerTickets(
  tx: Transaction,
  deps: OfferDeps,
  offer: { entry: WaitingListRecord; tier: TierRecord; sale: ConcertSchedule; now: number },
): Promise<void> {
  const { entry, tier, sale, now } = offer;
  const token = newOfferToken();
  const sessionId = offerSessionId(token);
  const expiresAt = Math.min(now + sale.offerMinutes * 60_000, sale.salesEndAt);
  await tx.sessions.ensure(sessionId, now);
  // Looked up first so that a store answering from memory knows there is no such hold yet.
  await tx.holds.find(sessionId, entry.concertId);
  const holdId = await tx.holds.save(
    { sessionId, concertId: entry.concertId, address: OFFER_ADDRESS },
    {
      createdAt: now,
      deadlineAt: expiresAt,
      lastActiveAt: now,
      lastSeenAt: now,
      hardCapAt: expiresAt,
      leftAt: null,
    },
    expiresAt,
  );
  await tx.holds.replaceItems(holdId, [
    { tierId: tier.id, quantity: entry.quantity, unitPriceCents: tier.priceCents },
  ]);
  await tx.concerts.changeHeld(tier.id, entry.quantity);
  await tx.concerts.countHolds(entry.concertId, { created: 1 });
  await tx.concerts.changeWaiting(tier.id, -entry.quantity);
  await tx.waitingList.offer(entry.id, { token, offeredAt: now, expiresAt });
  await tx.mail.record(
    mailMessage(
      entry.email,
      {
        kind: 'waiting-list-offer',
        token,
        quantity: entry.quantity,
        tierName: tier.name,
        expiresAt,
        concert: concertFacts(sale),
      },
      now,
    ),
  );
}
