import type { Tier } from '@ticket-booking/shared';
import { useId, type ReactNode } from 'react';
import { Card } from '../../../components/card';
import { formatMoney } from '../../../lib/format';
import { availabilityLabel, heldOut, heldOutNote, isFewLeft } from '../../availability';
import { QuantityStepper } from './quantity-stepper';

function availabilityTone(tier: Tier): string {
  if (tier.available === 0) return heldOut(tier) > 0 ? 'text-amber-800' : 'text-slate-500';
  return isFewLeft(tier.available, tier.total) ? 'text-rose-700' : 'text-emerald-700';
}

/**
 * One tier: its price, what is left (live), how many the shopper picks, and why that changed. A
 * seated tier's tickets are its seats, picked on the map above rather than counted here.
 */
export function TierRow({
  tier,
  quantity,
  max,
  notice,
  onQuantityChange,
  children,
}: {
  tier: Tier;
  quantity: number;
  max: number;
  notice: string | undefined;
  onQuantityChange: (quantity: number) => void;
  /** More for the tier, under it (the way onto its waiting list). */
  children?: ReactNode;
}) {
  const noticeId = useId();
  const held = heldOut(tier);
  return (
    <Card as="li" className="p-4 sm:p-5">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between sm:gap-6">
        <div className="min-w-0">
          <h3 className="text-base font-semibold text-slate-900">{tier.name}</h3>
          <p className="mt-0.5 text-sm text-slate-600 tabular-nums">
            {formatMoney(tier.priceCents, tier.currency)}
          </p>
        </div>
        <div className="flex items-center justify-between gap-3 sm:justify-end sm:gap-4">
          {/* Tabular digits, a width not set by the count: live counts never move the stepper. */}
          <p
            className={`min-w-0 flex-1 text-sm font-medium tabular-nums sm:w-28 sm:flex-none sm:text-right ${availabilityTone(tier)}`}
          >
            {availabilityLabel(tier)}
          </p>
          {tier.seated ? (
            <p className="shrink-0 text-sm text-slate-600 sm:w-40 sm:text-right">
              Choose seats on the map
            </p>
          ) : (
            <QuantityStepper
              name={tier.name}
              value={quantity}
              max={max}
              describedBy={notice ? noticeId : undefined}
              onChange={onQuantityChange}
            />
          )}
        </div>
      </div>
      {held > 0 && <p className="mt-2 text-sm text-amber-900">{heldOutNote(held)}</p>}
      {notice && (
        <p
          id={noticeId}
          className="mt-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200 ring-inset"
        >
          {notice}
        </p>
      )}
      {children}
    </Card>
  );
}
