import type { SeatPlan, SeatState } from '@ticket-booking/shared';
import { useId, useMemo } from 'react';
import { formatCount } from '../../../lib/format';
import { SeatMap, type SeatMapTier } from '../../seating';
import { seatsPerTier } from '../utils/seating-form';

const NO_SEATS: ReadonlySet<string> = new Set();

function ignoreToggle() {
  // The preview picks nothing.
}

/**
 * A plan as shoppers will see it, every seat free, with how many seats it gives each tier: the
 * form's own tiers by name, and any code the plan names that no tier has yet.
 */
export function SeatPlanPreview({
  plan,
  tiers,
}: {
  plan: SeatPlan;
  /** The form's tiers; memoise it, as the map redraws every seat for a new array. */
  tiers: readonly SeatMapTier[];
}) {
  const headingId = useId();
  const counts = useMemo(() => seatsPerTier(plan), [plan]);
  const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  const states = useMemo(() => Array<SeatState>(total).fill('free'), [total]);
  const nameOf = (code: string) => tiers.find((tier) => tier.code === code)?.name;
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h3 id={headingId} className="font-semibold text-slate-900">
        Preview: {formatCount(total, 'seat', 'seats')}
      </h3>
      <ul aria-label="Seats per tier" className="flex flex-wrap gap-x-5 gap-y-1 text-sm">
        {[...counts].map(([code, count]) => (
          <li key={code}>
            <span className="font-medium">{nameOf(code) ?? code}</span>:{' '}
            {formatCount(count, 'seat', 'seats')}
            {nameOf(code) === undefined && (
              <span className="text-rose-700"> (no tier has the code {code})</span>
            )}
          </li>
        ))}
      </ul>
      <SeatMap
        plan={plan}
        states={states}
        tiers={tiers}
        selected={NO_SEATS}
        own={NO_SEATS}
        onToggle={ignoreToggle}
        disabled
      />
    </section>
  );
}
