import {
  createWaitingListJoinSchema,
  type Concert,
  type Tier,
  type WaitingListJoinRequest,
} from '@ticket-booking/shared';
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useId, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Field } from '../../../components/field';
import { ApiError, messageOf } from '../../../lib/api-client';
import { showServerFieldErrors } from '../../../lib/server-field-errors';
import { isActiveEntry, useJoinWaitingList, useWaitingListEntries } from '../api/waiting-list';

type JoinFormValues = Omit<WaitingListJoinRequest, 'tier'>;

/** Why the server would not add the shopper, in words for them; field issues go to the fields. */
function problemOf(error: unknown, tier: Tier): string | undefined {
  if (!(error instanceof ApiError)) return messageOf(error);
  switch (error.code) {
    case 'VALIDATION_FAILED':
      return undefined;
    case 'WAITING_LIST_NOT_NEEDED':
      return `${tier.name} tickets are on sale again right now: choose them above and check out, no need to wait.`;
    case 'ALREADY_ON_WAITING_LIST':
      return `You are already on the waiting list for ${tier.name}.`;
    default:
      return messageOf(error);
  }
}

function JoinForm({
  concert,
  tier,
  onClose,
}: {
  concert: Concert;
  tier: Tier;
  onClose: () => void;
}) {
  const headingId = useId();
  const join = useJoinWaitingList(concert.id);
  const max = concert.maxTicketsPerOrder;
  // The shared request schema, bounded by this concert's limit; the tier is this form's own.
  const schema = useMemo(
    () => createWaitingListJoinSchema({ maxTicketsPerOrder: max }).omit({ tier: true }),
    [max],
  );
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    formState: { errors },
  } = useForm<JoinFormValues>({
    resolver: zodResolver(schema),
    mode: 'onTouched',
    defaultValues: { email: '', quantity: 1 },
  });
  const [problem, setProblem] = useState<string | undefined>();

  useEffect(() => {
    setFocus('email');
  }, [setFocus]);

  const submit = handleSubmit((values) => {
    setProblem(undefined);
    join.mutate(
      { tier: tier.code, ...values },
      {
        onSuccess: onClose,
        onError: (error) => {
          setProblem(problemOf(error, tier));
          // An issue with no field here (the tier) is said for the form as a whole.
          showServerFieldErrors(error, setError, (field) => {
            if (field === 'email' || field === 'quantity') return field;
            setProblem(messageOf(error));
            return undefined;
          });
        },
      },
    );
  });

  return (
    <form
      noValidate
      aria-labelledby={headingId}
      onSubmit={(event) => void submit(event)}
      className="mt-3 rounded-lg bg-slate-50 p-4"
    >
      <h4 id={headingId} className="text-sm font-semibold text-slate-900">
        Join the waiting list for {tier.name}
      </h4>
      <p className="mt-1 text-sm text-slate-600">
        First come, first served. When {tier.name} tickets come back, they are held for the first in
        line for {concert.offerMinutes} minutes; we tell you here and by email.
      </p>
      <div className="mt-3 grid gap-x-4 gap-y-2 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Field
          label="Email"
          type="email"
          autoComplete="email"
          spellCheck={false}
          error={errors.email?.message}
          {...register('email')}
        />
        <Field
          label="Tickets"
          hint={`1 to ${max}`}
          type="number"
          inputMode="numeric"
          min={1}
          max={max}
          step={1}
          error={errors.quantity?.message}
          {...register('quantity', { valueAsNumber: true })}
        />
      </div>
      {problem && <Alert tone="error">{problem}</Alert>}
      <div className="mt-3 flex flex-wrap gap-2">
        <Button type="submit" disabled={join.isPending} aria-busy={join.isPending}>
          {join.isPending ? 'Joining…' : 'Join the waiting list'}
        </Button>
        <Button variant="ghost" disabled={join.isPending} onClick={onClose}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/**
 * The way onto a sold-out tier's waiting list: while tickets are left they are simply bought (a
 * list joined then would keep them from everyone else). Nothing while the shopper already waits
 * for the tier (their place is shown with the other waiting lists).
 */
export function JoinWaitingList({ concert, tier }: { concert: Concert; tier: Tier }) {
  const entries = useWaitingListEntries(concert.id);
  const [open, setOpen] = useState(false);
  const waiting = entries.data?.some((entry) => entry.tier === tier.code && isActiveEntry(entry));
  if (waiting || tier.available > 0) return null;
  if (open) {
    return (
      <JoinForm
        concert={concert}
        tier={tier}
        onClose={() => {
          setOpen(false);
        }}
      />
    );
  }
  return (
    <div className="mt-3 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700">
      <Button
        variant="secondary"
        aria-label={`Join the waiting list for ${tier.name}`}
        onClick={() => {
          setOpen(true);
        }}
      >
        Join the waiting list
      </Button>
    </div>
  );
}
