import {
  availableTickets,
  normalizeEmail,
  type Offer,
  type OrganizerWaitingList,
  type WaitingListEntry,
  type WaitingListJoinRequest,
  type WaitingListStatus,
} from '@ticket-booking/shared';
import type { Store } from '../../db/store.js';
import { AppError } from '../../lib/app-error.js';
import { toIso, type Clock } from '../../lib/clock.js';
import type { TierRecord } from '../concerts/concerts.repo.js';
import { concertNotFound, scheduleOnSale, tierNotFound } from '../concerts/concerts.service.js';
import { sweepExpiredHolds, type SweepDeps } from '../holds/sweep.js';
import { offerNotFound } from './errors.js';
import { offerFreeTickets, offerSessionId } from './offers.js';
import type { WaitingListRecord } from './waiting-list.repo.js';

export interface WaitingListDeps extends SweepDeps {
  store: Store;
  clock: Clock;
}

/** An entry's status by the clock: an offer that ran out is lapsed, swept or not. */
function statusAt(entry: WaitingListRecord, now: number): WaitingListStatus {
  if (entry.status === 'OFFERED' && entry.offerExpiresAt !== null && entry.offerExpiresAt <= now) {
    return 'LAPSED';
  }
  return entry.status;
}

function toOfferView(entry: WaitingListRecord, tier: TierRecord, now: number): Offer | undefined {
  if (entry.offerToken === null || entry.offerExpiresAt === null) return undefined;
  const status = statusAt(entry, now);
  return {
    token: entry.offerToken,
    concertId: entry.concertId,
    tier: tier.code,
    tierName: tier.name,
    quantity: entry.quantity,
    unitPriceCents: tier.priceCents,
    currency: tier.currency,
    status: status === 'OFFERED' ? 'OPEN' : status === 'BOUGHT' ? 'BOUGHT' : 'ENDED',
    expiresAt: toIso(entry.offerExpiresAt),
    serverTime: toIso(now),
  };
}

async function toEntryView(
  repos: Pick<Store, 'waitingList'>,
  entry: WaitingListRecord,
  tier: TierRecord,
  now: number,
): Promise<WaitingListEntry> {
  const status = statusAt(entry, now);
  const view: WaitingListEntry = {
    concertId: entry.concertId,
    tier: tier.code,
    quantity: entry.quantity,
    email: entry.email,
    status,
    joinedAt: toIso(entry.joinedAt),
  };
  if (status === 'WAITING') view.ahead = await repos.waitingList.countAhead(tier.id, entry.id);
  const offer = status === 'OFFERED' ? toOfferView(entry, tier, now) : undefined;
  if (offer) view.offer = offer;
  return view;
}

function findTier(tiers: TierRecord[], code: string): TierRecord {
  const tier = tiers.find((candidate) => candidate.code === code);
  if (!tier) {
    throw new AppError('VALIDATION_FAILED', 'Some of the details sent are not valid.', [
      { field: 'tier', message: `No tier "${code}" here` },
    ]);
  }
  return tier;
}

/**
 * Puts the session on the tier's waiting list in one write transaction, under the concert's
 * lock: only while the concert is on sale and the tier is sold out (409 WAITING_LIST_NOT_NEEDED
 * when its tickets can simply be bought), once per tier for a session and for an email address
 * (409 ALREADY_ON_WAITING_LIST). From then on the tickets the entry asks for are kept from sale
 * whenever they come back, and offered to it in its turn.
 */
export async function joinWaitingList(
  deps: WaitingListDeps,
  sessionId: string,
  concertId: string,
  request: WaitingListJoinRequest,
): Promise<WaitingListEntry> {
  return deps.store.write(
    async (tx) => {
      const now = deps.clock.now();
      await scheduleOnSale(tx, concertId, now);
      // The counters are exact once run-out holds are swept: a sold-out tier is truly sold out.
      await sweepExpiredHolds(tx, deps, concertId, now);
      const tier = findTier(await tx.concerts.tiersForUpdate(concertId), request.tier);
      if (tier.seats > 0) {
        throw new AppError(
          'SEATED_TIER',
          `${tier.name} sells seats: seats that come back show on the map as they do, for anyone to pick.`,
        );
      }
      await tx.waitingList.lapseOffers(concertId, now);
      const emailKey = normalizeEmail(request.email);
      if (await tx.waitingList.findOpen(tier.id, sessionId, emailKey)) {
        throw new AppError(
          'ALREADY_ON_WAITING_LIST',
          `You are on the waiting list for ${tier.name} already, with this browser or this email address.`,
        );
      }
      const available = availableTickets(tier);
      if (available > 0) {
        throw new AppError(
          'WAITING_LIST_NOT_NEEDED',
          `${available === 1 ? '1 ticket is' : `${available} tickets are`} available for ${tier.name}: you can buy them now.`,
          [{ tier: tier.code, available }],
        );
      }
      await tx.sessions.ensure(sessionId, now);
      const id = await tx.waitingList.insert({
        concertId,
        tierId: tier.id,
        sessionId,
        email: request.email,
        emailKey,
        quantity: request.quantity,
        joinedAt: now,
      });
      await tx.concerts.changeWaiting(tier.id, request.quantity);
      await tx.concerts.bumpVersion(concertId);
      tx.afterCommit(() => {
        deps.changes.concertChanged(concertId);
      });
      // Tickets kept for an entry that left may be free already and fit this one.
      await offerFreeTickets(tx, deps, concertId, now);
      const [entry] = (await tx.waitingList.listForSession(concertId, sessionId)).filter(
        (candidate) => candidate.id === id,
      );
      if (!entry) throw new Error('the waiting-list entry just stored is missing');
      const tiers = await tx.concerts.tiersForUpdate(concertId);
      return toEntryView(tx, entry, findTier(tiers, tier.code), now);
    },
    { touches: { concertId, sessionId } },
  );
}

/** The session's entries on the concert's waiting lists, left ones aside. */
export async function waitingListEntries(
  deps: WaitingListDeps,
  sessionId: string,
  concertId: string,
): Promise<WaitingListEntry[]> {
  const now = deps.clock.now();
  const concert = await deps.store.concerts.find(concertId, now);
  if (!concert) throw concertNotFound();
  const entries = await deps.store.waitingList.listForSession(concertId, sessionId);
  const tiers = new Map(concert.tiers.map((tier) => [tier.id, tier]));
  return Promise.all(
    entries.flatMap((entry) => {
      const tier = tiers.get(entry.tierId);
      return tier ? [toEntryView(deps.store, entry, tier, now)] : [];
    }),
  );
}

/**
 * Takes the session off the tier's waiting list: the tickets it waited for are no longer kept
 * for it, and an open offer's are given up, both going to the next in line. 404
 * NOT_ON_WAITING_LIST if it is not on it.
 */
export async function leaveWaitingList(
  deps: WaitingListDeps,
  sessionId: string,
  concertId: string,
  tierCode: string,
): Promise<void> {
  await deps.store.write(
    async (tx) => {
      const now = deps.clock.now();
      const tiers = await tx.concerts.tiersForUpdate(concertId);
      if (tiers.length === 0) throw concertNotFound();
      const tier = tiers.find((candidate) => candidate.code === tierCode);
      if (!tier) throw tierNotFound();
      const entry = (await tx.waitingList.listForSession(concertId, sessionId)).find(
        (candidate) =>
          candidate.tierId === tier.id && ['WAITING', 'OFFERED'].includes(candidate.status),
      );
      if (!entry || statusAt(entry, now) === 'LAPSED') {
        throw new AppError(
          'NOT_ON_WAITING_LIST',
          `You are not on the waiting list for ${tier.name}.`,
        );
      }
      await tx.waitingList.setStatus(entry.id, 'LEFT');
      if (entry.status === 'WAITING') {
        await tx.concerts.changeWaiting(tier.id, -entry.quantity);
      } else if (entry.offerToken !== null) {
        const hold = await tx.holds.find(offerSessionId(entry.offerToken), concertId);
        if (hold) {
          for (const item of hold.items) await tx.concerts.changeHeld(item.tierId, -item.quantity);
          await tx.holds.delete(hold);
        }
      }
      await tx.concerts.bumpVersion(concertId);
      tx.afterCommit(() => {
        deps.changes.concertChanged(concertId);
      });
      await offerFreeTickets(tx, deps, concertId, now);
    },
    { touches: { concertId, sessionId } },
  );
}

/** An offer as its link shows it, to whoever has the link: 404 OFFER_NOT_FOUND for none. */
export async function getOffer(deps: WaitingListDeps, token: string): Promise<Offer> {
  const now = deps.clock.now();
  const entry = await deps.store.waitingList.findByToken(token);
  const concert = entry && (await deps.store.concerts.find(entry.concertId, now));
  const tier = concert?.tiers.find((candidate) => candidate.id === entry?.tierId);
  const offer = entry && tier && toOfferView(entry, tier, now);
  if (!offer) throw offerNotFound();
  return offer;
}

/** Every entry of the concert's waiting lists and their offers, for its organizer. */
export async function organizerWaitingList(
  deps: WaitingListDeps,
  concertId: string,
): Promise<OrganizerWaitingList> {
  const now = deps.clock.now();
  const concert = await deps.store.concerts.find(concertId, now);
  if (!concert) throw concertNotFound();
  const codes = new Map(concert.tiers.map((tier) => [tier.id, tier.code]));
  const entries = await deps.store.waitingList.listForConcert(concertId);
  return {
    concertId,
    offerMinutes: concert.offerMinutes,
    entries: entries.map((entry) => ({
      tier: codes.get(entry.tierId) ?? '',
      quantity: entry.quantity,
      email: entry.email,
      status: statusAt(entry, now),
      joinedAt: toIso(entry.joinedAt),
      ...(entry.offeredAt !== null && { offeredAt: toIso(entry.offeredAt) }),
      ...(entry.offerExpiresAt !== null && { offerExpiresAt: toIso(entry.offerExpiresAt) }),
    })),
    asOf: toIso(now),
  };
}
