import type { Booking, BookingRequestInput } from '@ticket-booking/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { createPurchaseAttempts } from '../../../lib/purchase-attempts';
import { bookingKeys, createBooking } from '../../bookings';
import { concertKeys } from '../../concerts';
import { holdGoneReason, type HoldGoneReason } from '../api/holds';

/**
 * Pays for the held tickets. A declined card keeps the hold; a hold that ran out does not. Paying
 * again with the same details after no answer is the same attempt, so it can never buy twice.
 */
export function usePayBooking({
  onBought,
  onExpired,
}: {
  onBought: (booking: Booking) => void;
  onExpired: (reason: HoldGoneReason) => void;
}) {
  const queryClient = useQueryClient();
  const [attempts] = useState(createPurchaseAttempts);
  return useMutation({
    mutationFn: (request: BookingRequestInput) =>
      attempts.send(request, (idempotencyKey) => createBooking(request, idempotencyKey)),
    onSuccess: (booking) => {
      onBought(booking);
      // The new booking belongs in the list, and the tickets moved from held to sold. The concert
      // is fetched again where it is next shown, not by this page as it leaves for the booking:
      // that request would be cut off halfway.
      void queryClient.invalidateQueries({ queryKey: bookingKeys.all });
      void queryClient.invalidateQueries({ queryKey: concertKeys.all, refetchType: 'none' });
    },
    onError: (error) => {
      const gone = holdGoneReason(error);
      if (gone) onExpired(gone);
    },
  });
}
