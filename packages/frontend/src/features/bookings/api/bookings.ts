import {
  BookingListResponseSchema,
  BookingResponseSchema,
  type BookingRequestInput,
  type Booking,
} from '@ticket-booking/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { concertKeys } from '../../concerts';

export const bookingKeys = {
  all: ['bookings'] as const,
  detail: (bookingId: string) => ['bookings', bookingId] as const,
};

/** Buys the held tickets. */
export async function createBooking(
  request: BookingRequestInput,
  idempotencyKey: string,
): Promise<Booking> {
  return (
    await apiRequest('/api/bookings', BookingResponseSchema, {
      method: 'POST',
      body: request,
      idempotencyKey,
    })
  ).booking;
}

export function useBookings() {
  return useQuery({
    queryKey: bookingKeys.all,
    queryFn: async ({ signal }) =>
      (await apiRequest('/api/bookings', BookingListResponseSchema, { signal })).bookings,
  });
}

/** A booking; `known` (handed over by checkout) shows it at once, without a round trip. */
export function useBooking(
  bookingId: string,
  known?: Booking,
  { enabled = true }: { enabled?: boolean } = {},
) {
  return useQuery({
    queryKey: bookingKeys.detail(bookingId),
    enabled,
    initialData: known?.id === bookingId ? known : undefined,
    // A confirmed booking does not change by itself.
    staleTime: 60_000,
    queryFn: async ({ signal }) =>
      (
        await apiRequest(`/api/bookings/${encodeURIComponent(bookingId)}`, BookingResponseSchema, {
          signal,
        })
      ).booking,
  });
}

/** Cancels the booking; the server answers it cancelled, also when it already was. */
export async function cancelBooking(bookingId: string): Promise<Booking> {
  return (
    await apiRequest(`/api/bookings/${encodeURIComponent(bookingId)}`, BookingResponseSchema, {
      method: 'DELETE',
    })
  ).booking;
}

export function useCancelBooking() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cancelBooking,
    onSuccess: (booking) => {
      queryClient.setQueryData(bookingKeys.detail(booking.id), booking);
      // The concerts show the tickets back on sale; the list, awaited, shows the new status.
      void queryClient.invalidateQueries({ queryKey: concertKeys.all });
      return queryClient.invalidateQueries({ queryKey: bookingKeys.all, exact: true });
    },
  });
}
