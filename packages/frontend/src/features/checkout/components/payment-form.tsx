import {
  BookingRequestSchema,
  type Booking,
  type BookingRequest,
  type BookingRequestInput,
} from '@ticket-booking/shared';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMaskito } from '@maskito/react';
import type { UseMutationResult } from '@tanstack/react-query';
import { useCallback, type FocusEvent, type SyntheticEvent } from 'react';
import { useForm, type FieldPath } from 'react-hook-form';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Field } from '../../../components/field';
import { ApiError, messageOf } from '../../../lib/api-client';
import { showServerFieldErrors } from '../../../lib/server-field-errors';
import { holdGoneReason } from '../api/holds';
import { EXPIRY_MASK } from '../utils/expiry-mask';

/** The booking request without the concert: the shared BuyerSchema and PaymentInputSchema. */
const CheckoutFormSchema = BookingRequestSchema.omit({ concertId: true });
type CheckoutFormInput = Omit<BookingRequestInput, 'concertId'>;
type CheckoutFormValues = Omit<BookingRequest, 'concertId'>;
type FieldName = FieldPath<CheckoutFormInput>;

const FIELD_NAMES: readonly string[] = [
  'buyer.name',
  'buyer.email',
  'payment.cardNumber',
  'payment.expiry',
  'payment.cvc',
] satisfies FieldName[];

function isFieldName(field: string): field is FieldName {
  return FIELD_NAMES.includes(field);
}

export const DECLINED_MESSAGE =
  'Your card was declined. Your tickets are still held — try another card.';

/** What to tell the shopper about a failed payment; an expired hold is shown by the page. */
function paymentProblem(error: Error | null): string | null {
  if (!error) return null;
  if (error instanceof ApiError && error.code === 'PAYMENT_DECLINED') return DECLINED_MESSAGE;
  if (holdGoneReason(error)) return null;
  return messageOf(error);
}

/**
 * The buyer's details and the (simulated) card, validated inline with the same schemas the API
 * uses, so the shopper learns of a mistake before paying rather than after.
 */
export function PaymentForm({
  concertId,
  totalLabel,
  payment,
  payDescribedBy,
  onCancel,
}: {
  concertId: string;
  totalLabel: string;
  payment: UseMutationResult<Booking, Error, BookingRequestInput>;
  /** What the Pay button says besides its label: how long the tickets stay held. */
  payDescribedBy?: string;
  /** Gives the tickets back; without it, the form offers no way to (an offer's page). */
  onCancel?: () => void;
}) {
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    formState: { errors },
  } = useForm<CheckoutFormInput, unknown, CheckoutFormValues>({
    resolver: zodResolver(CheckoutFormSchema),
    mode: 'onTouched',
    defaultValues: {
      buyer: { name: '', email: '' },
      payment: { cardNumber: '', expiry: '', cvc: '' },
    },
  });
  const paying = payment.isPending;
  const problem = paymentProblem(payment.error);
  const expiryMaskRef = useMaskito({ options: EXPIRY_MASK });
  // One stable callback: a new one each render would detach and attach the mask every time.
  const expiryRef = useCallback(
    (input: HTMLInputElement | null) => {
      expiryMaskRef(input);
      register('payment.expiry').ref(input);
    },
    [expiryMaskRef, register],
  );

  /** The expiry's field, registered in its place among the others, so errors focus in order. */
  function registerExpiry() {
    const { name, onBlur, onChange } = register('payment.expiry');
    return {
      name,
      ref: expiryRef,
      onBlur: (event: FocusEvent<HTMLInputElement>) => void onBlur(event),
      // The mask rewrites the value itself, which React's onChange does not report.
      onInput: (event: SyntheticEvent<HTMLInputElement>) => void onChange(event),
    };
  }

  function onError(error: Error) {
    if (error instanceof ApiError && error.code === 'PAYMENT_DECLINED') {
      setFocus('payment.cardNumber', { shouldSelect: true });
    }
    // The server checks what the browser cannot (an expired card): show it at its field.
    showServerFieldErrors(error, setError, (field) => (isFieldName(field) ? field : undefined));
  }

  const submit = handleSubmit((values) => {
    payment.mutate({ concertId, ...values }, { onError });
  });

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="space-y-8">
      <fieldset>
        <legend className="text-lg font-semibold text-slate-900">Your details</legend>
        <p className="mt-1 text-sm text-slate-600">The tickets are sent to this email address.</p>
        <div className="mt-4 grid gap-x-4 gap-y-2 sm:grid-cols-2">
          <Field
            label="Full name"
            autoComplete="name"
            error={errors.buyer?.name?.message}
            {...register('buyer.name')}
          />
          <Field
            label="Email"
            type="email"
            autoComplete="email"
            spellCheck={false}
            error={errors.buyer?.email?.message}
            {...register('buyer.email')}
          />
        </div>
      </fieldset>

      <fieldset>
        <legend className="text-lg font-semibold text-slate-900">Payment</legend>
        <div className="mt-2">
          <Alert tone="info">
            Payments are simulated: no card is charged. Card{' '}
            <span className="font-mono whitespace-nowrap">4242 4242 4242 4242</span> works,{' '}
            <span className="font-mono whitespace-nowrap">4000 0000 0000 0002</span> is declined.
          </Alert>
        </div>
        <div className="mt-4 grid grid-cols-2 gap-x-4 gap-y-2">
          <Field
            className="col-span-2"
            label="Card number"
            autoComplete="cc-number"
            inputMode="numeric"
            placeholder="1234 1234 1234 1234"
            maxLength={23}
            error={errors.payment?.cardNumber?.message}
            {...register('payment.cardNumber')}
          />
          <Field
            label="Expiry (MM/YY)"
            autoComplete="cc-exp"
            inputMode="numeric"
            placeholder="MM/YY"
            maxLength={5}
            error={errors.payment?.expiry?.message}
            {...registerExpiry()}
          />
          <Field
            label="Security code (CVC)"
            autoComplete="cc-csc"
            inputMode="numeric"
            placeholder="123"
            maxLength={4}
            error={errors.payment?.cvc?.message}
            {...register('payment.cvc')}
          />
        </div>
      </fieldset>

      {problem && <Alert tone="error">{problem}</Alert>}

      <div className="flex flex-col-reverse gap-3 sm:flex-row sm:items-center">
        {onCancel && (
          <Button variant="ghost" onClick={onCancel} disabled={paying} className="sm:mr-auto">
            Cancel and release tickets
          </Button>
        )}
        <Button
          type="submit"
          disabled={paying}
          aria-busy={paying}
          aria-describedby={payDescribedBy}
          className="sm:ml-auto sm:min-w-48"
        >
          {paying ? 'Paying…' : `Pay ${totalLabel}`}
        </Button>
      </div>
    </form>
  );
}
