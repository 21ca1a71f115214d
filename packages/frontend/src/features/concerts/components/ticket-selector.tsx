import {
  planSeats,
  seatLabel,
  type AvailabilityTier,
  type CheckoutItem,
  type Concert,
  type Tier,
} from '@ticket-booking/shared';
import { useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import {
  describeAvailabilityChange,
  LiveAnnouncer,
  useAvailabilityChanges,
  withLiveCounts,
  type Announcement,
} from '../../availability';
import type { LiveSeatMap } from '../../seating';
import { useSeatSelection } from '../hooks/use-seat-selection';
import { useTicketSelection } from '../hooks/use-ticket-selection';
import { describeTakenSeat, seatsInPlanOrder, seatsTogether } from '../utils/seat-selection';
import { checkoutItems, describeAdjustment, ticketCount } from '../utils/ticket-selection';
import { BestAvailable, type BestAvailableRoom } from './best-available';
import { SeatPicker } from './seat-picker';
import { SelectionSummary } from './selection-summary';
import { TierRow } from './tier-row';

/** A selection to start from: tickets by quantity, and seats by id. */
export interface InitialChoice {
  items: readonly CheckoutItem[];
  seats: readonly string[];
}

const NO_CHOICE: InitialChoice = { items: [], seats: [] };

/**
 * The concert's tiers with live counts, the shopper's pick and the way to checkout. `liveTiers`
 * are the stream's counts (null until its first event, when the concert's own counts show);
 * `tierExtra` adds to each tier's row what the page composes in (its waiting list). A concert
 * with seated tiers also has `seating`, its live seat map: their tickets are seats picked on it,
 * or the best ones together in a zone, and go to checkout with the other tiers' quantities.
 * `initial` is what to start from, as when the shopper comes back from checkout to choose again.
 */
export function TicketSelector({
  concert,
  liveTiers,
  tierExtra,
  seating,
  initial = NO_CHOICE,
}: {
  concert: Concert;
  liveTiers: AvailabilityTier[] | null;
  tierExtra?: (tier: Tier) => ReactNode;
  seating?: Pick<LiveSeatMap, 'map' | 'error' | 'refetch'> | undefined;
  initial?: InitialChoice;
}) {
  const navigate = useNavigate();
  const maxTickets = concert.maxTicketsPerOrder;
  const tiers = useMemo(() => withLiveCounts(concert.tiers, liveTiers), [concert.tiers, liveTiers]);
  const zones = useMemo(() => concert.tiers.filter((tier) => tier.seated), [concert.tiers]);
  const liveZones = useMemo(() => tiers.filter((tier) => tier.seated), [tiers]);

  const map = seating?.map;
  const plan = map?.plan;
  const planEntries = useMemo(() => (plan ? planSeats(plan) : []), [plan]);
  const seatsById = useMemo(
    () => new Map(planEntries.map((seat) => [seat.id, seat])),
    [planEntries],
  );
  const together = useMemo(
    () => (map ? seatsTogether(planEntries, map.states) : undefined),
    [planEntries, map],
  );

  const seatPicks = useSeatSelection(seatsById, map?.states, initial.seats);
  const pickedSeats = seatsInPlanOrder(seatPicks.picked, seatsById);
  const [initialQuantities] = useState(() =>
    Object.fromEntries(initial.items.map((item) => [item.tier, item.quantity])),
  );
  const selection = useTicketSelection(tiers, maxTickets, {
    seats: pickedSeats.length,
    initial: initialQuantities,
  });
  const count = ticketCount(selection.quantities) + pickedSeats.length;
  const changes = useAvailabilityChanges(tiers);
  /** What the shopper's own actions on the map did besides what the map itself tells. */
  const [told, setTold] = useState<readonly Announcement[]>([]);

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

  function pickedIn(tier: string): number {
    return pickedSeats.filter((seat) => seat.tier === tier).length;
  }

  function toggleSeat(seatId: string) {
    const seat = seatsById.get(seatId);
    if (!seat) return;
    if (seatPicks.picked.has(seatId)) {
      seatPicks.remove(seatId);
      return;
    }
    const tier = tiers.find((candidate) => candidate.code === seat.tier);
    const best = selection.quantities[seat.tier] ?? 0;
    if (count - best >= maxTickets) {
      setTold([{ key: 'limit', text: `That is the most for one order: ${maxTickets} tickets` }]);
      return;
    }
    if (tier && best > 0) {
      // A tier is asked for either by its seats or by how many: the seat picked now wins.
      selection.setQuantity(tier, 0);
      setTold([
        {
          key: `best:${tier.code}`,
          text: `Best available in ${tier.name} replaced by the seats you pick on the map`,
        },
      ]);
    }
    seatPicks.add(seatId);
  }

  function roomFor(tier: Tier): BestAvailableRoom {
    const picked = pickedIn(tier.code);
    const byOrder = maxTickets - (count - (selection.quantities[tier.code] ?? 0) - picked);
    const inOneRow = together?.get(tier.code) ?? tier.available;
    const max = Math.max(0, Math.min(byOrder, tier.available, inOneRow));
    let bound: BestAvailableRoom['bound'] = 'order';
    if (inOneRow < Math.min(tier.available, byOrder)) bound = 'together';
    else if (tier.available < byOrder) bound = 'left';
    return { max, bound, picked };
  }

  function addBest(tier: Tier, quantity: number) {
    const picked = pickedIn(tier.code);
    if (picked > 0) seatPicks.removeTier(tier.code);
    selection.setQuantity(tier, quantity, pickedSeats.length - picked);
  }

  function checkout() {
    const items = checkoutItems(selection.quantities, tiers);
    const seats = pickedSeats.map((seat) => seat.id);
    if (items.length === 0 && seats.length === 0) return;
    void navigate(`/concerts/${encodeURIComponent(concert.id)}/checkout`, {
      state: seats.length > 0 ? { items, seats } : { items },
    });
  }

  return (
    <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] lg:gap-8">
      <div className="min-w-0 space-y-8">
        {seating && (
          <SeatPicker
            concertId={concert.id}
            seating={seating}
            zones={zones}
            picked={seatPicks.picked}
            onToggle={toggleSeat}
          >
            {liveZones.length > 0 && (
              <BestAvailable zones={liveZones} roomFor={roomFor} onAdd={addBest} />
            )}
          </SeatPicker>
        )}
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
      </div>
      <div className="lg:sticky lg:top-6">
        <SelectionSummary
          tiers={tiers}
          quantities={selection.quantities}
          seats={pickedSeats}
          taken={seatPicks.taken.map((seat) => describeTakenSeat(seatLabel(seat)))}
          maxTicketsPerOrder={maxTickets}
          maxTicketsPerBuyer={concert.maxTicketsPerBuyer}
          onRemoveSeat={seatPicks.remove}
          onRemoveBest={(tier) => {
            selection.setQuantity(tier, 0);
          }}
          onCheckout={checkout}
        />
      </div>
      <LiveAnnouncer announcements={announcements} />
      {seating && (
        <LiveAnnouncer announcements={told} intervalMs={1_000} label="Selection updates" />
      )}
    </div>
  );
}
