import {
  BookingAccessResponseSchema,
  BookingLinkResponseSchema,
  type Booking,
  type BookingCodeAccess,
  type BookingLinkRequest,
} from '@ticket-booking/shared';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { bookingKeys } from './bookings';

/** Emails a link to the address's bookings; the answer is the same whether it has any or not. */
export async function requestBookingLink(request: BookingLinkRequest) {
  return apiRequest('/api/booking-links', BookingLinkResponseSchema, {
    method: 'POST',
    body: request,
  });
}

/** Opens one booking in this browser by its buyer's email and confirmation code. */
export async function openBookingByCode(request: BookingCodeAccess): Promise<Booking[]> {
  return (
    await apiRequest('/api/booking-access', BookingAccessResponseSchema, {
      method: 'POST',
      body: request,
    })
  ).bookings;
}

/** Opens every booking of an emailed link's address in this browser. */
export async function openBookingsByLink(token: string): Promise<Booking[]> {
  return (
    await apiRequest('/api/booking-access/link', BookingAccessResponseSchema, {
      method: 'POST',
      body: { token },
    })
  ).bookings;
}

/** The opened bookings are this browser's now: each shows at once, and the list is stale. */
function remember(queryClient: QueryClient, bookings: Booking[]): void {
  for (const booking of bookings) {
    queryClient.setQueryData(bookingKeys.detail(booking.id), booking);
  }
  void queryClient.invalidateQueries({ queryKey: bookingKeys.all, exact: true });
}

export function useRequestBookingLink() {
  return useMutation({ mutationFn: requestBookingLink });
}

export function useOpenBookingByCode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: openBookingByCode,
    onSuccess: (bookings) => {
      remember(queryClient, bookings);
    },
  });
}

export function useOpenBookingsByLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: openBookingsByLink,
    onSuccess: (bookings) => {
      remember(queryClient, bookings);
    },
  });
}
