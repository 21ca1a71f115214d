import { BookingCodeAccessSchema, type BookingCodeAccess } from '@ticket-booking/shared';
import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { Field } from '../../../components/field';
import { ApiError, messageOf } from '../../../lib/api-client';
import { showServerFieldErrors } from '../../../lib/server-field-errors';
import { useOpenBookingByCode } from '../api/booking-access';

type CodeFormInput = z.input<typeof BookingCodeAccessSchema>;

interface Problem {
  title?: string;
  message: string;
}

/** Why the booking did not open, for the alert; issues with a field of the form go to it. */
function problemOf(error: unknown): Problem | undefined {
  if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') return undefined;
  if (error instanceof ApiError && error.code === 'BOOKING_NOT_FOUND') {
    return { title: 'We could not find that booking', message: error.message };
  }
  return { message: messageOf(error) };
}

/**
 * "I have my confirmation code": opens one booking in this browser by its buyer's email and
 * confirmation code, then shows it.
 */
export function BookingCodeForm() {
  const headingId = useId();
  const navigate = useNavigate();
  const open = useOpenBookingByCode();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<CodeFormInput, unknown, BookingCodeAccess>({
    resolver: zodResolver(BookingCodeAccessSchema),
    mode: 'onTouched',
    defaultValues: { email: '', confirmationCode: '' },
  });
  const [problem, setProblem] = useState<Problem | undefined>();

  const submit = handleSubmit((values) => {
    setProblem(undefined);
    open.mutate(values, {
      onSuccess: ([booking]) => {
        // The same confirmation as after checkout, shown at once.
        if (booking)
          void navigate(`/bookings/${encodeURIComponent(booking.id)}`, { state: { booking } });
        else void navigate('/bookings');
      },
      onError: (error) => {
        setProblem(problemOf(error));
        showServerFieldErrors(error, setError, (field) => {
          if (field === 'email' || field === 'confirmationCode') return field;
          setProblem({ message: messageOf(error) });
          return undefined;
        });
      },
    });
  });

  return (
    <Card as="section" aria-labelledby={headingId} className="p-5 sm:p-6">
      <h2 id={headingId} className="text-lg font-semibold text-slate-900">
        I have my confirmation code
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Enter the email address you bought with and the code from your confirmation email.
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
        <Field
          label="Confirmation code"
          placeholder="ABCD-2345"
          autoCapitalize="characters"
          autoComplete="off"
          autoCorrect="off"
          spellCheck={false}
          error={errors.confirmationCode?.message}
          {...register('confirmationCode')}
        />
        {problem && (
          <Alert tone="error" title={problem.title}>
            {problem.message}
          </Alert>
        )}
        <Button
          type="submit"
          disabled={open.isPending}
          aria-busy={open.isPending}
          className="mt-3 w-full sm:w-auto"
        >
          {open.isPending ? 'Finding…' : 'Find my booking'}
        </Button>
      </form>
    </Card>
  );
}
