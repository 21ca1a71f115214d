import type { Booking } from '@ticket-booking/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../../lib/api-client';
import { bookingKeys, createBooking } from '../../bookings/api/bookings';
import { concertKeys } from '../../concerts/api/concerts';

/** Pays for the held tickets. A declined card keeps the hold; a hold that ran out does not. */
export function usePayBooking({
  onBought,
  onExpired,
}: {
  onBought: (booking: Booking) => void;
  onExpired: () => void;
}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createBooking,
    onSuccess: (booking) => {
      onBought(booking);
      // The new booking belongs in the list, and the tickets moved from held to sold.
      void queryClient.invalidateQueries({ queryKey: bookingKeys.all });
      void queryClient.invalidateQueries({ queryKey: concertKeys.all });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'HOLD_EXPIRED') onExpired();
    },
  });
}
