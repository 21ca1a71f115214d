import { useState, type SyntheticEvent } from 'react';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Field } from '../../../components/field';
import { messageOf } from '../../../lib/api-client';
import { useUpdateConcert } from '../api/organizer';
import { parseTicketCount } from '../utils/money-input';

function limitText(max: number | null): string {
  return max === null
    ? 'No limit on the tickets one buyer may buy.'
    : `At most ${max} ${max === 1 ? 'ticket' : 'tickets'} per buyer, over all their orders.`;
}

/**
 * The concert's limit on what one buyer (known by email and card) may buy, and a way to change
 * it: a new limit decides purchases from then on and takes back nothing bought before.
 */
export function BuyerLimitEditor({
  concertId,
  maxTicketsPerBuyer,
  token,
}: {
  concertId: string;
  maxTicketsPerBuyer: number | null;
  token: string;
}) {
  const update = useUpdateConcert(concertId, token);
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();

  function submit(event: SyntheticEvent) {
    event.preventDefault();
    const parsed =
      value.trim() === '' ? { ok: true as const, value: null } : parseTicketCount(value, 1);
    if (!parsed.ok) {
      setFieldError(parsed.message);
      return;
    }
    setFieldError(undefined);
    if (parsed.value === maxTicketsPerBuyer) setEditing(false);
    else {
      update.mutate(
        { maxTicketsPerBuyer: parsed.value },
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
        {limitText(maxTicketsPerBuyer)}
        <Button
          variant="ghost"
          onClick={() => {
            setValue(maxTicketsPerBuyer === null ? '' : String(maxTicketsPerBuyer));
            update.reset();
            setEditing(true);
          }}
        >
          Change the limit per buyer
        </Button>
      </p>
    );
  }
  return (
    <form noValidate onSubmit={submit} className="rounded-lg bg-slate-50 p-3">
      <Field
        className="max-w-xs"
        label="Tickets per buyer"
        hint="Leave it empty for no limit."
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
