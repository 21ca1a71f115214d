import { seatLabel, type PlanSeatEntry, type Tier } from '@ticket-booking/shared';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { formatMoney } from '../../../lib/format';
import { seatsTotalCents } from '../utils/seat-selection';
import { selectionTotalCents, ticketCount, type Quantities } from '../utils/ticket-selection';

const removeButton =
  'grid size-9 shrink-0 place-items-center rounded-lg text-base text-slate-500 ' +
  'transition-colors hover:bg-slate-100 hover:text-slate-900 ' +
  'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600';

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" className={removeButton} aria-label={label} onClick={onClick}>
      <span aria-hidden="true">×</span>
    </button>
  );
}

/**
 * The running total of the selection and the way on to checkout: the seats picked on the map,
 * each with its price and a way to let it go, then the tickets picked by quantity ("best
 * available" in a seated tier, which can be let go here too).
 */
export function SelectionSummary({
  tiers,
  quantities,
  seats = [],
  taken = [],
  maxTicketsPerOrder,
  maxTicketsPerBuyer,
  onRemoveSeat,
  onRemoveBest,
  onCheckout,
}: {
  tiers: readonly Tier[];
  quantities: Quantities;
  /** Seats picked on the map, in plan order. */
  seats?: readonly PlanSeatEntry[];
  /** What to tell of picked seats another shopper took first, until the shopper changes seats. */
  taken?: readonly string[];
  maxTicketsPerOrder: number;
  /** The concert's limit over all of one buyer's orders; null if it has none. */
  maxTicketsPerBuyer: number | null;
  onRemoveSeat?: (seatId: string) => void;
  onRemoveBest?: (tier: Tier) => void;
  onCheckout: () => void;
}) {
  const count = ticketCount(quantities) + seats.length;
  const currency = tiers[0]?.currency ?? 'USD';
  const picked = tiers.filter((tier) => (quantities[tier.code] ?? 0) > 0);
  const tierByCode = new Map(tiers.map((tier) => [tier.code, tier]));
  const totalCents = selectionTotalCents(quantities, tiers) + seatsTotalCents(seats, tiers);

  return (
    <Card as="section" aria-labelledby="selection-summary-heading" className="p-5">
      <h2 id="selection-summary-heading" className="text-base font-semibold text-slate-900">
        Your selection
      </h2>
      {taken.length > 0 && (
        <ul className="mt-3 space-y-1 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200 ring-inset">
          {taken.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      )}
      {count === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No tickets selected yet.</p>
      ) : (
        <ul className="mt-3 space-y-2 text-sm">
          {seats.map((seat) => {
            const tier = tierByCode.get(seat.tier);
            const label = seatLabel(seat);
            return (
              <li key={seat.id} className="flex items-center justify-between gap-2 tabular-nums">
                <span className="min-w-0 text-slate-700">
                  {label}
                  {tier && <span className="block text-xs text-slate-500">{tier.name}</span>}
                </span>
                <span className="flex shrink-0 items-center gap-1">
                  <span className="text-slate-900">
                    {tier ? formatMoney(tier.priceCents, tier.currency) : ''}
                  </span>
                  {onRemoveSeat && (
                    <RemoveButton
                      label={`Remove ${label}`}
                      onClick={() => {
                        onRemoveSeat(seat.id);
                      }}
                    />
                  )}
                </span>
              </li>
            );
          })}
          {picked.map((tier) => {
            const quantity = quantities[tier.code] ?? 0;
            return (
              <li key={tier.code} className="flex items-center justify-between gap-2 tabular-nums">
                <span className="min-w-0 text-slate-700">
                  {quantity} × {tier.name}
                  {tier.seated && (
                    <span className="block text-xs text-slate-500">Best available, together</span>
                  )}
                </span>
                <span className="flex shrink-0 items-center gap-1">
                  <span className="text-slate-900">
                    {formatMoney(quantity * tier.priceCents, tier.currency)}
                  </span>
                  {tier.seated && onRemoveBest && (
                    <RemoveButton
                      label={`Remove ${tier.name} best available`}
                      onClick={() => {
                        onRemoveBest(tier);
                      }}
                    />
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      <div className="mt-4 flex items-baseline justify-between gap-4 border-t border-slate-200 pt-4">
        <span className="text-sm font-medium text-slate-700">
          Total{' '}
          <span className="text-slate-500 tabular-nums">
            ({count} {count === 1 ? 'ticket' : 'tickets'})
          </span>
        </span>
        <span
          className="text-xl font-bold text-slate-900 tabular-nums"
          data-testid="selection-total"
        >
          {formatMoney(totalCents, currency)}
        </span>
      </div>
      <p className="mt-2 text-xs text-slate-600">
        {count >= maxTicketsPerOrder
          ? `That is the most for one order: ${maxTicketsPerOrder} tickets.`
          : `Up to ${maxTicketsPerOrder} tickets per order.`}
      </p>
      {maxTicketsPerBuyer !== null && (
        <p className="mt-1 text-xs text-slate-600">
          At most {maxTicketsPerBuyer} tickets per buyer for this concert, over all their orders.
        </p>
      )}
      <Button className="mt-4 w-full" disabled={count === 0} onClick={onCheckout}>
        Checkout
      </Button>
      <p className="mt-3 text-xs text-slate-600">
        Your tickets are held for you once you enter checkout.
      </p>
    </Card>
  );
}
