import type { Booking, BookingRequestInput } from '@ticket-booking/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../../lib/api-client';
import { createPurchaseAttempts } from '../../../lib/purchase-attempts';
import { bookingKeys, createBooking } from '../../bookings';
import { concertKeys } from '../../concerts';
import { waitingListKeys } from '../api/waiting-list';

/**
 * Pays for the tickets an offer holds: the checkout's booking request, with the offer's token
 * in place of a hold of the session's own. Paying again after no answer is the same attempt.
 */
export function useBuyOffer({
  token,
  onBought,
  onEnded,
}: {
  token: string;
  onBought: (booking: Booking) => void;
  /** The offer ran out or was bought meanwhile (410 `OFFER_ENDED`). */
  onEnded: () => void;
}) {
  const queryClient = useQueryClient();
  const [attempts] = useState(createPurchaseAttempts);
  return useMutation({
    mutationFn: (request: BookingRequestInput) => {
      const bought = { ...request, offer: token };
      return attempts.send(bought, (idempotencyKey) => createBooking(bought, idempotencyKey));
    },
    onSuccess: (booking) => {
      onBought(booking);
      void queryClient.invalidateQueries({ queryKey: bookingKeys.all });
      void queryClient.invalidateQueries({ queryKey: waitingListKeys.all, refetchType: 'none' });
      void queryClient.invalidateQueries({ queryKey: concertKeys.all, refetchType: 'none' });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'OFFER_ENDED') onEnded();
    },
  });
}
