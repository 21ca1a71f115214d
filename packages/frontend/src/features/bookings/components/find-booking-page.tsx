import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Spinner } from '../../../components/spinner';
import { ApiError, messageOf } from '../../../lib/api-client';
import { useOpenBookingsByLink } from '../api/booking-access';
import { linkTokenOf, openedBookingsState } from '../utils/find-booking';
import { BookingCodeForm } from './booking-code-form';
import { BookingLinkForm } from './booking-link-form';

function linkErrorTitle(error: unknown): string {
  if (error instanceof ApiError && error.code === 'BOOKING_LINK_EXPIRED') {
    return 'This link has expired';
  }
  if (error instanceof ApiError && error.code === 'BOOKING_LINK_INVALID') {
    return 'This link does not work';
  }
  return 'Your bookings could not be opened';
}

/** Trouble reaching the server, which asking again may get past; a refused link stays refused. */
function worthRetrying(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status >= 500);
}

/**
 * `/bookings/find`: opens in this browser a booking bought in another, by an emailed link or by
 * its confirmation code. Opened with the link's `#token=…`, it opens that link's bookings at once
 * and goes on to My bookings.
 */
export function FindBookingPage() {
  const location = useLocation();
  const navigate = useNavigate();
  // Kept here: the address bar loses it as soon as the page has it.
  const [token] = useState(() => linkTokenOf(location.hash));
  const openLink = useOpenBookingsByLink();
  const { mutate } = openLink;
  const sentRef = useRef(false);

  const open = useCallback(
    (linkToken: string) => {
      mutate(linkToken, {
        onSuccess: (bookings) => {
          // In place of this page: going back should not land on a spent link.
          void navigate('/bookings', { replace: true, state: openedBookingsState(bookings) });
        },
      });
    },
    [mutate, navigate],
  );

  useEffect(() => {
    // StrictMode runs this twice on mount; the link is to be used once.
    if (token === undefined || sentRef.current) return;
    sentRef.current = true;
    // Out of the address bar and the history entry, so the token is not left for others to see.
    void navigate({ hash: '' }, { replace: true });
    open(token);
  }, [token, open, navigate]);

  if (token !== undefined && !openLink.isError) {
    return <Spinner label="Opening your bookings…" />;
  }

  return (
    <div>
      <h1 className="text-3xl font-bold tracking-tight">Find your booking</h1>
      <p className="mt-2 max-w-2xl text-slate-600">
        A booking shows in the browser it was bought in. To see it on this device too, get a link by
        email or enter its confirmation code.
      </p>
      {openLink.isError && (
        <div className="mt-6">
          <Alert
            tone="error"
            title={linkErrorTitle(openLink.error)}
            action={
              token !== undefined &&
              worthRetrying(openLink.error) && (
                <Button
                  variant="secondary"
                  onClick={() => {
                    open(token);
                  }}
                >
                  Try again
                </Button>
              )
            }
          >
            {messageOf(openLink.error)}
          </Alert>
        </div>
      )}
      <div className="mt-6 grid gap-6 lg:grid-cols-2 lg:items-start">
        <BookingLinkForm />
        <BookingCodeForm />
      </div>
    </div>
  );
}
