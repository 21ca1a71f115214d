import type { CreateConcertRequest } from '@ticket-booking/shared';
import { useMemo } from 'react';
import { useWatch, type Control } from 'react-hook-form';
import type { SeatMapTier } from '../../seating';
import type { ConcertFormValues } from '../utils/concert-form';
import { parsePrice } from '../utils/money-input';
import { readSeating, tierCodesOf } from '../utils/seating-form';

type FormControl = Control<ConcertFormValues, unknown, CreateConcertRequest>;

/**
 * The create-concert form's seating, read again as the organizer types: the plan to preview and
 * the tiers it seats, and the tiers as its map colours them. Only the parts of the form that
 * show these follow every keystroke, not the whole form.
 */
export function useSeatingForm(control: FormControl) {
  const tiers = useWatch({ control, name: 'tiers' });
  const currency = useWatch({ control, name: 'currency' });
  const values = useWatch({ control, name: 'seating' });
  const tierCodes = tierCodesOf(tiers);
  const seating = readSeating(values, tierCodes);
  // The same array while the tiers read the same: a new one redraws every seat of the map.
  const mapTiersKey = JSON.stringify(
    tierCodes.map((code): SeatMapTier => {
      const tier = tiers.find((candidate) => candidate.code.trim() === code);
      const price = parsePrice(tier?.price ?? '');
      const name = tier?.name.trim() ?? '';
      return {
        code,
        name: name === '' ? code : name,
        priceCents: price.ok ? price.value : 0,
        currency,
      };
    }),
  );
  const mapTiers = useMemo(() => JSON.parse(mapTiersKey) as SeatMapTier[], [mapTiersKey]);
  return { values, seating, mapTiers };
}

/**
 * The seats the plan gives the form's tier at `index`, if it gives it any: the count is
 * undefined until the plan is complete.
 */
export function useTierSeats(
  control: FormControl,
  index: number,
): { count: number | undefined } | undefined {
  const tiers = useWatch({ control, name: 'tiers' });
  const values = useWatch({ control, name: 'seating' });
  const code = tiers[index]?.code.trim() ?? '';
  const seating = readSeating(values, tierCodesOf(tiers));
  return seating.seated.has(code) ? { count: seating.seats.get(code) } : undefined;
}
