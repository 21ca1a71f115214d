import type { Tier } from '@ticket-booking/shared';
import { useId, useState, type SyntheticEvent } from 'react';
import { Button } from '../../../components/button';
import { inputClasses } from '../../../components/field';
import { formatCount, formatMoney } from '../../../lib/format';

/** What a zone allows "best available" to ask for now, and what bounds it, for telling. */
export interface BestAvailableRoom {
  max: number;
  /** What stops the shopper asking for more, when something other than the per-order limit does. */
  bound: 'order' | 'left' | 'together';
  /** Seats picked in the zone on the map, which asking for the zone's best replaces. */
  picked: number;
}

function hintFor(tier: Tier, room: BestAvailableRoom): string | undefined {
  if (room.max === 0) {
    if (room.bound === 'order') return 'Your order is full: remove a ticket to add seats.';
    return `No seats are left in ${tier.name}.`;
  }
  if (room.picked > 0) {
    return `Replaces the ${formatCount(room.picked, 'seat', 'seats')} you picked in ${tier.name} on the map.`;
  }
  if (room.bound === 'together') {
    return `At most ${formatCount(room.max, 'seat', 'seats')} together are left in ${tier.name}.`;
  }
  return undefined;
}

/**
 * "Best available": a zone (a seated tier) and how many seats, which the server picks, the best
 * ones together, when the shopper checks out. Adding it puts it in the selection, instead of any
 * seats picked in that zone on the map.
 */
export function BestAvailable({
  zones,
  roomFor,
  onAdd,
}: {
  /** The seated tiers, with live counts. */
  zones: readonly Tier[];
  roomFor: (tier: Tier) => BestAvailableRoom;
  onAdd: (tier: Tier, quantity: number) => void;
}) {
  const headingId = useId();
  const zoneId = useId();
  const countId = useId();
  const hintId = useId();
  const [zoneCode, setZoneCode] = useState(
    () => (zones.find((zone) => zone.available > 0) ?? zones[0])?.code,
  );
  const [wanted, setWanted] = useState(2);
  const zone = zones.find((candidate) => candidate.code === zoneCode) ?? zones[0];
  if (!zone) return null;
  const room = roomFor(zone);
  const count = Math.max(1, Math.min(wanted, room.max));
  const hint = hintFor(zone, room);

  function add(event: SyntheticEvent) {
    event.preventDefault();
    if (zone && room.max > 0) onAdd(zone, count);
  }

  return (
    <section
      aria-labelledby={headingId}
      className="rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200"
    >
      <h3 id={headingId} className="text-base font-semibold text-slate-900">
        Best available
      </h3>
      <p className="mt-0.5 text-sm text-slate-600">
        Choose a zone and how many: we find the best seats together when you check out.
      </p>
      <form
        onSubmit={add}
        className="mt-3 grid grid-cols-[minmax(0,1fr)_5.5rem] items-end gap-3 sm:grid-cols-[minmax(0,1fr)_6rem_auto]"
      >
        <div>
          <label htmlFor={zoneId} className="block text-sm font-medium text-slate-900">
            Zone
          </label>
          <select
            id={zoneId}
            value={zone.code}
            onChange={(event) => {
              setZoneCode(event.target.value);
            }}
            className={inputClasses(false)}
          >
            {zones.map((option) => (
              <option key={option.code} value={option.code} disabled={option.available === 0}>
                {option.name} — {formatMoney(option.priceCents, option.currency)}
                {option.available === 0 ? ' (sold out)' : ''}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={countId} className="block text-sm font-medium text-slate-900">
            Seats
          </label>
          <select
            id={countId}
            value={room.max > 0 ? count : ''}
            disabled={room.max === 0}
            aria-describedby={hint ? hintId : undefined}
            onChange={(event) => {
              setWanted(Number(event.target.value));
            }}
            className={inputClasses(false)}
          >
            {room.max === 0 ? (
              <option value="">0</option>
            ) : (
              Array.from({ length: room.max }, (_, index) => (
                <option key={index} value={index + 1}>
                  {index + 1}
                </option>
              ))
            )}
          </select>
        </div>
        <Button
          type="submit"
          variant="secondary"
          disabled={room.max === 0}
          className="col-span-2 sm:col-span-1"
        >
          Add {formatCount(count, 'best seat', 'best seats')}
        </Button>
      </form>
      {hint && (
        <p id={hintId} className="mt-2 text-sm text-slate-600">
          {hint}
        </p>
      )}
    </section>
  );
}
