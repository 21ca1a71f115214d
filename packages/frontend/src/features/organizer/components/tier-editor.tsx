import {
  CapacityShortfallSchema,
  type TierSales,
  type UpdateTierRequest,
} from '@ticket-booking/shared';
import { useState, type SyntheticEvent } from 'react';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Field } from '../../../components/field';
import { ApiError, messageOf } from '../../../lib/api-client';
import { useUpdateTier } from '../api/organizer';
import { inputFromCents, parsePrice, parseTicketCount } from '../utils/money-input';

/** Why a change was refused, with the numbers of a capacity below what is sold and held. */
function problemOf(error: Error | null): string | null {
  if (!error) return null;
  if (error instanceof ApiError && error.code === 'CAPACITY_BELOW_COMMITTED') {
    const shortfall = CapacityShortfallSchema.array().min(1).safeParse(error.details);
    if (shortfall.success && shortfall.data[0]) {
      const { requested, sold, held, minimum } = shortfall.data[0];
      return `The capacity cannot go below ${minimum}: ${sold} sold and ${held} held right now (you asked for ${requested}).`;
    }
  }
  return messageOf(error);
}

/**
 * Changes a tier's capacity and price in place; only what was changed is sent. A seated tier's
 * capacity is its seats, and only its price can change.
 */
export function TierEditor({
  concertId,
  tier,
  token,
  onDone,
}: {
  concertId: string;
  tier: TierSales;
  token: string;
  onDone: () => void;
}) {
  const update = useUpdateTier(concertId, tier.code, token);
  const [capacity, setCapacity] = useState(String(tier.total));
  const [price, setPrice] = useState(inputFromCents(tier.priceCents));
  const [fieldErrors, setFieldErrors] = useState<{ capacity?: string; priceCents?: string }>({});

  function submit(event: SyntheticEvent) {
    event.preventDefault();
    // A capacity of 0 stops the tier's sales.
    const newCapacity = parseTicketCount(capacity, 0);
    const newPrice = parsePrice(price);
    if (!newCapacity.ok || !newPrice.ok) {
      setFieldErrors({
        ...(newCapacity.ok ? {} : { capacity: newCapacity.message }),
        ...(newPrice.ok ? {} : { priceCents: newPrice.message }),
      });
      return;
    }
    setFieldErrors({});
    const change: UpdateTierRequest = {};
    if (newCapacity.value !== tier.total) change.capacity = newCapacity.value;
    if (newPrice.value !== tier.priceCents) change.priceCents = newPrice.value;
    // Nothing changed: nothing to send.
    if (Object.keys(change).length === 0) onDone();
    else update.mutate(change, { onSuccess: onDone });
  }

  const problem = problemOf(update.error);
  return (
    <form noValidate onSubmit={submit} className="mt-3 rounded-lg bg-slate-50 p-3">
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field
          label={`${tier.name} capacity`}
          // A seated tier has as many tickets as the plan gives it seats.
          className={tier.seated ? '[&_input]:bg-slate-100' : ''}
          readOnly={tier.seated}
          hint={tier.seated ? 'Its seats on the seating plan' : undefined}
          inputMode="numeric"
          value={capacity}
          error={fieldErrors.capacity}
          onChange={(event) => {
            setCapacity(event.target.value);
          }}
        />
        <Field
          label={`${tier.name} price (${tier.currency})`}
          inputMode="decimal"
          value={price}
          error={fieldErrors.priceCents}
          onChange={(event) => {
            setPrice(event.target.value);
          }}
        />
      </div>
      {problem && <Alert tone="error">{problem}</Alert>}
      <div className="mt-3 flex gap-2">
        <Button type="submit" disabled={update.isPending} aria-busy={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save'}
        </Button>
        <Button variant="ghost" onClick={onDone} disabled={update.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
