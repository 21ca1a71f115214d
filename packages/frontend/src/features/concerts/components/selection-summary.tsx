import type { Tier } from '@ticket-booking/shared';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { formatMoney } from '../../../lib/format';
import { selectionTotalCents, ticketCount, type Quantities } from '../utils/ticket-selection';

/** The running total of the selection and the way on to checkout. */
export function SelectionSummary({
  tiers,
  quantities,
  maxTicketsPerOrder,
  maxTicketsPerBuyer,
  onCheckout,
}: {
  tiers: readonly Tier[];
  quantities: Quantities;
  maxTicketsPerOrder: number;
  /** The concert's limit over all of one buyer's orders; null if it has none. */
  maxTicketsPerBuyer: number | null;
  onCheckout: () => void;
}) {
  const count = ticketCount(quantities);
  const currency = tiers[0]?.currency ?? 'USD';
  const picked = tiers.filter((tier) => (quantities[tier.code] ?? 0) > 0);

  return (
    <Card as="section" aria-labelledby="selection-summary-heading" className="p-5">
      <h2 id="selection-summary-heading" className="text-base font-semibold text-slate-900">
        Your selection
      </h2>
      {picked.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No tickets selected yet.</p>
      ) : (
        <ul className="mt-3 space-y-2 text-sm">
          {picked.map((tier) => {
            const quantity = quantities[tier.code] ?? 0;
            return (
              <li key={tier.code} className="flex justify-between gap-4 tabular-nums">
                <span className="text-slate-700">
                  {quantity} × {tier.name}
                </span>
                <span className="text-slate-900">
                  {formatMoney(quantity * tier.priceCents, tier.currency)}
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
          {formatMoney(selectionTotalCents(quantities, tiers), currency)}
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
