import { BookingLinkRequestSchema, type BookingLinkRequest } from '@ticket-booking/shared';
import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { Field } from '../../../components/field';
import { ApiError, messageOf } from '../../../lib/api-client';
import { formatCount } from '../../../lib/format';
import { showServerFieldErrors } from '../../../lib/server-field-errors';
import { useRequestBookingLink } from '../api/booking-access';

/**
 * "Email me a link": asks for a link that opens every booking bought with an address. The
 * answer never says whether the address has bookings, so neither does this form.
 */
export function BookingLinkForm() {
  const headingId = useId();
  const send = useRequestBookingLink();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<BookingLinkRequest>({
    resolver: zodResolver(BookingLinkRequestSchema),
    mode: 'onTouched',
    defaultValues: { email: '' },
  });
  const [problem, setProblem] = useState<string | undefined>();

  const submit = handleSubmit((values) => {
    setProblem(undefined);
    send.mutate(values, {
      onError: (error) => {
        if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') {
          setProblem(messageOf(error));
        }
        showServerFieldErrors(error, setError, (field) => {
          if (field === 'email') return field;
          setProblem(messageOf(error));
          return undefined;
        });
      },
    });
  });

  return (
    <Card as="section" aria-labelledby={headingId} className="p-5 sm:p-6">
      <h2 id={headingId} className="text-lg font-semibold text-slate-900">
        Email me a link
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        We send a link to the email address you bought with. Opening it on this device shows all the
        bookings made with that address.
      </p>
      <form noValidate onSubmit={(event) => void submit(event)} className="mt-4">
        <Field
          label="Email"
          type="email"
          autoComplete="email"
          spellCheck={false}
          error={errors.email?.message}
          {...register('email')}
        />
        {problem && <Alert tone="error">{problem}</Alert>}
        <Button
          type="submit"
          disabled={send.isPending}
          aria-busy={send.isPending}
          className="mt-3 w-full sm:w-auto"
        >
          {send.isPending ? 'Sending…' : 'Email me a link'}
        </Button>
      </form>
      {/* Always there, so that screen readers read the confirmation when it appears. */}
      <div role="status">
        {send.isSuccess && (
          <div className="mt-4 rounded-xl bg-emerald-50 p-4 text-sm text-emerald-900 ring-1 ring-emerald-200 ring-inset">
            <p className="font-semibold">
              If there are bookings for {send.data.email}, a link to them is on its way. It works
              for {formatCount(send.data.validMinutes, 'minute', 'minutes')}.
            </p>
            <p className="mt-1">Open it on the device you want to see your bookings on.</p>
          </div>
        )}
      </div>
    </Card>
  );
}
