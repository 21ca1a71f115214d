import type { Concert, WaitingListEntry } from '@ticket-booking/shared';
import { aheadText, heldForYou, ticketsOf, tierNameOf } from './entry-text';

/** The whole minutes an offer holds its tickets from when the server sent it. */
function minutesLeft(offer: NonNullable<WaitingListEntry['offer']>): number {
  return Math.max(
    1,
    Math.round((Date.parse(offer.expiresAt) - Date.parse(offer.serverTime)) / 60_000),
  );
}

/**
 * What a screen reader is told when the entries change: an offer that just arrived (or is there
 * as the page opens), a place just taken, and an offer that ended without being bought. Places
 * moving up are not worth interrupting for; they are on the page.
 */
export function waitingListAnnouncements(
  previous: readonly WaitingListEntry[] | undefined,
  next: readonly WaitingListEntry[] | undefined,
  concert: Pick<Concert, 'tiers'>,
): { key: string; text: string }[] {
  const before = new Map((previous ?? []).map((entry) => [entry.tier, entry]));
  const announcements: { key: string; text: string }[] = [];
  for (const entry of next ?? []) {
    const was = before.get(entry.tier);
    const name = tierNameOf(entry, concert);
    const { offer } = entry;
    if (entry.status === 'OFFERED' && offer && was?.offer?.token !== offer.token) {
      const minutes = minutesLeft(offer);
      announcements.push({
        key: entry.tier,
        text: `${heldForYou(offer.quantity, name)} for ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}: use Buy them to pay`,
      });
    } else if (entry.status === 'WAITING' && previous !== undefined && was?.status !== 'WAITING') {
      // Joined just now: the form that had focus is gone, so say where the shopper stands.
      announcements.push({
        key: entry.tier,
        text: `You’re on the waiting list for ${entry.quantity} × ${name}${aheadText(entry.ahead)}`,
      });
    } else if (entry.status === 'LAPSED' && was?.status === 'OFFERED') {
      announcements.push({
        key: entry.tier,
        text: `Your offer of ${ticketsOf(entry.quantity, name)} ended`,
      });
    }
  }
  return announcements;
}
