import { MAX_OFFER_MINUTES } from '@ticket-booking/shared';
import { useState, type SyntheticEvent } from 'react';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Field } from '../../../components/field';
import { messageOf } from '../../../lib/api-client';
import { useUpdateConcert } from '../api/organizer';
import { parseOfferMinutes } from '../utils/offer-minutes';

function offerText(minutes: number): string {
  return `Tickets that come back are held for the next on a tier’s waiting list for ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
}

/**
 * How long an offer from a waiting list holds its tickets, and a way to change it: the new time
 * applies to offers made from then on.
 */
export function OfferMinutesEditor({
  concertId,
  offerMinutes,
  token,
}: {
  concertId: string;
  offerMinutes: number;
  token: string;
}) {
  const update = useUpdateConcert(concertId, token);
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();

  function submit(event: SyntheticEvent) {
    event.preventDefault();
    const parsed = parseOfferMinutes(value);
    if (!parsed.ok) {
      setFieldError(parsed.message);
      return;
    }
    setFieldError(undefined);
    if (parsed.value === offerMinutes) setEditing(false);
    else {
      update.mutate(
        { offerMinutes: parsed.value },
        {
          onSuccess: () => {
            setEditing(false);
          },
        },
      );
    }
  }

  if (!editing) {
    return (
      <p className="flex flex-wrap items-baseline gap-x-3 text-sm text-slate-700">
        {offerText(offerMinutes)}
        <Button
          variant="ghost"
          onClick={() => {
            setValue(String(offerMinutes));
            update.reset();
            setEditing(true);
          }}
        >
          Change the offer time
        </Button>
      </p>
    );
  }
  return (
    <form noValidate onSubmit={submit} className="rounded-lg bg-slate-50 p-3">
      <Field
        className="max-w-xs"
        label="Offer minutes"
        hint={`From 1 to ${MAX_OFFER_MINUTES.toLocaleString('en-US')} (a day).`}
        inputMode="numeric"
        value={value}
        error={fieldError}
        onChange={(event) => {
          setValue(event.target.value);
        }}
      />
      {update.error && <Alert tone="error">{messageOf(update.error)}</Alert>}
      <div className="mt-3 flex gap-2">
        <Button type="submit" disabled={update.isPending} aria-busy={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save'}
        </Button>
        <Button
          variant="ghost"
          disabled={update.isPending}
          onClick={() => {
            setEditing(false);
          }}
        >
          Cancel
        </Button>
      </div>
    </form>
  );
}
