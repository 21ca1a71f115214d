import * as AlertDialog from '@radix-ui/react-alert-dialog';
import type { Booking } from '@ticket-booking/shared';
import { useState } from 'react';
import { Alert } from '../../../components/alert';
import { Button, buttonClasses } from '../../../components/button';
import { ApiError, messageOf } from '../../../lib/api-client';
import { formatMoney } from '../../../lib/format';
import { useCancelBooking } from '../api/bookings';

function errorTitle(error: unknown): string {
  if (error instanceof ApiError && error.code === 'BOOKING_NOT_FOUND') {
    return 'We could not find this booking';
  }
  if (error instanceof ApiError && error.code === 'BOOKING_NOT_CANCELLABLE') {
    return 'This booking can no longer be cancelled';
  }
  return 'The booking could not be cancelled';
}

/**
 * "Cancel booking" for a confirmed booking, asking first in a modal dialog what will happen.
 * Once it is done the booking shows as cancelled wherever it is listed, and a polite status
 * message says so where the button was.
 */
export function CancelBooking({ booking }: { booking: Booking }) {
  const [open, setOpen] = useState(false);
  const cancel = useCancelBooking();
  const tickets = booking.items.reduce((sum, item) => sum + item.quantity, 0);
  const ticketWord = tickets === 1 ? 'ticket' : 'tickets';

  return (
    <div>
      <p role="status" className="text-sm text-slate-700">
        {cancel.isSuccess && `Booking ${booking.confirmationCode} is cancelled.`}
      </p>
      {booking.status === 'CONFIRMED' && (
        <AlertDialog.Root
          open={open}
          onOpenChange={(next) => {
            setOpen(next);
            if (next) cancel.reset();
          }}
        >
          <AlertDialog.Trigger className={buttonClasses('secondary')}>
            Cancel booking
          </AlertDialog.Trigger>
          <AlertDialog.Portal>
            <AlertDialog.Overlay className="fixed inset-0 z-50 bg-slate-900/50" />
            <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-2xl bg-white p-6 shadow-xl ring-1 ring-slate-200">
              <AlertDialog.Title className="text-lg font-semibold text-slate-900">
                Cancel booking {booking.confirmationCode}?
              </AlertDialog.Title>
              <AlertDialog.Description className="mt-2 space-y-2 text-sm text-slate-600">
                <span className="block">
                  Your {tickets} {ticketWord} will be released at once, for anyone to buy. This
                  cannot be undone.
                </span>
                <span className="block">
                  Payment in this shop is simulated, so no money was taken and nothing is refunded;
                  a real shop would refund {formatMoney(booking.totalCents, booking.currency)} to
                  the card ending in {booking.payment.last4}.
                </span>
              </AlertDialog.Description>
              {cancel.isError && (
                <div className="mt-4">
                  <Alert tone="error" title={errorTitle(cancel.error)}>
                    {messageOf(cancel.error)}
                  </Alert>
                </div>
              )}
              <div className="mt-6 flex flex-wrap justify-end gap-3">
                <AlertDialog.Cancel className={buttonClasses('secondary')}>
                  Keep booking
                </AlertDialog.Cancel>
                {/* Not AlertDialog.Action, which would close the dialog before the answer. */}
                <Button
                  variant="danger"
                  disabled={cancel.isPending}
                  aria-busy={cancel.isPending}
                  onClick={() => {
                    cancel.mutate(booking.id, {
                      onSuccess: () => {
                        setOpen(false);
                      },
                    });
                  }}
                >
                  {cancel.isPending ? 'Cancelling…' : 'Yes, cancel booking'}
                </Button>
              </div>
            </AlertDialog.Content>
          </AlertDialog.Portal>
        </AlertDialog.Root>
      )}
    </div>
  );
}
