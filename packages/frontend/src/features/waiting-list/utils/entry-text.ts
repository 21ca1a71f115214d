import type { Concert, WaitingListEntry } from '@ticket-booking/shared';

/** "2 Standing tickets", "1 VIP ticket". */
export function ticketsOf(quantity: number, tierName: string): string {
  return `${quantity} ${tierName} ${quantity === 1 ? 'ticket' : 'tickets'}`;
}

/** "2 Standing tickets are held for you", "1 VIP ticket is held for you". */
export function heldForYou(quantity: number, tierName: string): string {
  return `${ticketsOf(quantity, tierName)} ${quantity === 1 ? 'is' : 'are'} held for you`;
}

/** The tier's name as the concert page shows it; the offer's own when it has one. */
export function tierNameOf(entry: WaitingListEntry, concert: Pick<Concert, 'tiers'>): string {
  return (
    entry.offer?.tierName ??
    concert.tiers.find((tier) => tier.code === entry.tier)?.name ??
    entry.tier
  );
}

/** " — 3 ahead of you", " — you are next", or nothing when the server did not say. */
export function aheadText(ahead: number | undefined): string {
  if (ahead === undefined) return '';
  return ahead === 0 ? ' — you are next' : ` — ${ahead.toLocaleString()} ahead of you`;
}
