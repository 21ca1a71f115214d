import type { Hold } from '@ticket-booking/shared';
import { useId } from 'react';
import { Card } from '../../../components/card';
import { formatMoney } from '../../../lib/format';

/**
 * The held tickets with the prices the server will charge: a hold's, or an offer's as one. In a
 * seated tier, each seat by its label and price.
 */
export function OrderSummary({ hold }: { hold: Pick<Hold, 'items' | 'totalCents' | 'currency'> }) {
  const headingId = useId();
  return (
    <Card as="section" aria-labelledby={headingId} className="p-5">
      <h2 id={headingId} className="text-base font-semibold text-slate-900">
        Order summary
      </h2>
      <ul className="mt-4 divide-y divide-slate-100">
        {hold.items.map((item) => (
          <li key={item.tier} className="py-3 text-sm">
            <div className="flex items-start justify-between gap-4">
              <div>
                <p className="font-medium text-slate-900">{item.name}</p>
                <p className="text-slate-600 tabular-nums">
                  {item.quantity} × {formatMoney(item.unitPriceCents, hold.currency)}
                </p>
              </div>
              <p className="font-medium text-slate-900 tabular-nums">
                {formatMoney(item.quantity * item.unitPriceCents, hold.currency)}
              </p>
            </div>
            {item.seats && item.seats.length > 0 && (
              <ul aria-label={`${item.name} seats`} className="mt-2 space-y-1 text-slate-700">
                {item.seats.map((seat) => (
                  <li key={seat.id} className="flex justify-between gap-4 tabular-nums">
                    <span>{seat.label}</span>
                    <span className="shrink-0 text-slate-600">
                      {formatMoney(item.unitPriceCents, hold.currency)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      <div className="mt-2 flex items-baseline justify-between border-t border-slate-200 pt-4">
        <p className="text-sm font-semibold text-slate-900">Total</p>
        <p className="text-lg font-bold text-slate-900 tabular-nums" data-testid="order-total">
          {formatMoney(hold.totalCents, hold.currency)}
        </p>
      </div>
    </Card>
  );
}
