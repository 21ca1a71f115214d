import { Description, Dialog, DialogBackdrop, DialogPanel, DialogTitle } from '@headlessui/react';
import type { Booking } from '@ticket-booking/shared';
import { useState } from 'react';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
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
        <>
          <Button
            variant="secondary"
            onClick={() => {
              cancel.reset();
              setOpen(true);
            }}
          >
            Cancel booking
          </Button>
          <Dialog
            open={open}
            role="alertdialog"
            onClose={() => {
              setOpen(false);
            }}
            className="relative z-50"
          >
            <DialogBackdrop className="fixed inset-0 bg-slate-900/50" />
            <div className="fixed inset-0 grid place-items-center p-4">
              <DialogPanel className="w-full max-w-md rounded-2xl bg-white p-6 shadow-xl ring-1 ring-slate-200">
                <DialogTitle className="text-lg font-semibold text-slate-900">
                  Cancel booking {booking.confirmationCode}?
                </DialogTitle>
                <Description className="mt-2 text-sm text-slate-600">
                  Your {tickets} {ticketWord} will be released at once, for anyone to buy. This
                  cannot be undone. Payment in this shop is simulated, so no money was taken and
                  nothing is refunded; a real shop would refund{' '}
                  {formatMoney(booking.totalCents, booking.currency)} to the card ending in{' '}
                  {booking.payment.last4}.
                </Description>
                {cancel.isError && (
                  <div className="mt-4">
                    <Alert tone="error" title={errorTitle(cancel.error)}>
                      {messageOf(cancel.error)}
                    </Alert>
                  </div>
                )}
                <div className="mt-6 flex flex-wrap justify-end gap-3">
                  <Button
                    variant="secondary"
                    autoFocus
                    onClick={() => {
                      setOpen(false);
                    }}
                  >
                    Keep booking
                  </Button>
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
              </DialogPanel>
            </div>
          </Dialog>
        </>
      )}
    </div>
  );
}
