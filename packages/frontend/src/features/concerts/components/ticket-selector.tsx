import type { AvailabilityTier, Concert, Tier } from '@ticket-booking/shared';
import { useMemo, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import {
  describeAvailabilityChange,
  LiveAnnouncer,
  useAvailabilityChanges,
  withLiveCounts,
  type Announcement,
} from '../../availability';
import { useTicketSelection } from '../hooks/use-ticket-selection';
import { checkoutItems, describeAdjustment } from '../utils/ticket-selection';
import { SelectionSummary } from './selection-summary';
import { TierRow } from './tier-row';

/**
 * The concert's tiers with live counts, the shopper's pick and the way to checkout. `liveTiers`
 * are the stream's counts (null until its first event, when the concert's own counts show);
 * `tierExtra` adds to each tier's row what the page composes in (its waiting list).
 */
export function TicketSelector({
  concert,
  liveTiers,
  tierExtra,
}: {
  concert: Concert;
  liveTiers: AvailabilityTier[] | null;
  tierExtra?: (tier: Tier) => ReactNode;
}) {
  const navigate = useNavigate();
  const tiers = useMemo(() => withLiveCounts(concert.tiers, liveTiers), [concert.tiers, liveTiers]);
  const selection = useTicketSelection(tiers, concert.maxTicketsPerOrder);
  const changes = useAvailabilityChanges(tiers);

  // Both batches come from the same change of `tiers`. What it did to the shopper's selection
  // says more than the bare count, so it is read instead of the count, not as well.
  const { adjustments } = selection;
  const announcements = useMemo<Announcement[]>(() => {
    const adjusted = new Set(adjustments.map((adjustment) => adjustment.tier));
    return [
      ...changes
        .filter((change) => !adjusted.has(change.tier))
        .map((change) => ({ key: change.tier, text: describeAvailabilityChange(change) })),
      ...adjustments.map((adjustment) => ({
        key: `selection:${adjustment.tier}`,
        text: describeAdjustment(adjustment),
      })),
    ];
  }, [changes, adjustments]);

  function checkout() {
    const items = checkoutItems(selection.quantities, tiers);
    if (items.length === 0) return;
    void navigate(`/concerts/${encodeURIComponent(concert.id)}/checkout`, { state: { items } });
  }

  return (
    <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] lg:gap-8">
      <section aria-labelledby="tiers-heading">
        <h2 id="tiers-heading" className="sr-only">
          Tickets
        </h2>
        <ul className="space-y-3">
          {tiers.map((tier) => (
            <TierRow
              key={tier.code}
              tier={tier}
              quantity={selection.quantities[tier.code] ?? 0}
              max={selection.maxFor(tier)}
              notice={selection.notices[tier.code]}
              onQuantityChange={(quantity) => {
                selection.setQuantity(tier, quantity);
              }}
            >
              {tierExtra?.(tier)}
            </TierRow>
          ))}
        </ul>
      </section>
      <div className="lg:sticky lg:top-6">
        <SelectionSummary
          tiers={tiers}
          quantities={selection.quantities}
          maxTicketsPerOrder={concert.maxTicketsPerOrder}
          maxTicketsPerBuyer={concert.maxTicketsPerBuyer}
          onCheckout={checkout}
        />
      </div>
      <LiveAnnouncer announcements={announcements} />
    </div>
  );
}
