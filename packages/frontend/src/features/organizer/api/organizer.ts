import {
  ConcertListResponseSchema,
  ConcertResponseSchema,
  ConcertSalesResponseSchema,
  type Concert,
  type CreateConcertRequest,
  type UpdateConcertRequest,
  type UpdateTierRequest,
} from '@ticket-booking/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiRequest } from '../../../lib/api-client';
import { concertKeys } from '../../concerts';
import { waitingListKeys } from '../../waiting-list';

export const organizerKeys = {
  all: ['organizer'] as const,
  concerts: ['organizer', 'concerts'] as const,
  sales: (concertId: string) => ['organizer', 'sales', concertId] as const,
};

/** Every concert, past ones and those whose sales ended too, for the organizer. */
export function useOrganizerConcerts(token: string) {
  return useQuery({
    queryKey: organizerKeys.concerts,
    queryFn: async ({ signal }) =>
      (
        await apiRequest('/api/admin/concerts', ConcertListResponseSchema, {
          signal,
          bearerToken: token,
        })
      ).concerts,
  });
}

function salesPath(concertId: string): string {
  return `/api/admin/concerts/${encodeURIComponent(concertId)}/sales`;
}

/** A concert id no concert is likely to have; any valid id does, see `checkOrganizerToken`. */
const PROBE_CONCERT_ID = 'organizer-sign-in-check';

/**
 * Asks the server whether `token` opens the organizer's API, with the cheapest call it has: the
 * sales of a concert that need not exist. A good token gets the figures or 404
 * `CONCERT_NOT_FOUND`; a wrong one 401 `UNAUTHORIZED`; a server without organizer access answers
 * 404 `NOT_FOUND`, as for any path it does not know. Throws the ApiError of anything else.
 */
export async function checkOrganizerToken(token: string): Promise<void> {
  try {
    await apiRequest(salesPath(PROBE_CONCERT_ID), ConcertSalesResponseSchema, {
      bearerToken: token,
    });
  } catch (error) {
    if (error instanceof ApiError && error.code === 'CONCERT_NOT_FOUND') return;
    throw error;
  }
}

/**
 * How often the sales figures are fetched while the page is in view. Check-ins at the doors do
 * not move the availability stream, so without this the door counts would only follow sales.
 */
export const SALES_POLL_MS = 5_000;

export function useConcertSales(concertId: string, token: string) {
  return useQuery({
    queryKey: organizerKeys.sales(concertId),
    queryFn: async ({ signal }) =>
      (
        await apiRequest(salesPath(concertId), ConcertSalesResponseSchema, {
          signal,
          bearerToken: token,
        })
      ).sales,
    refetchInterval: SALES_POLL_MS,
    refetchIntervalInBackground: false,
  });
}

export function useCreateConcert(token: string) {
  const queryClient = useQueryClient();
  return useMutation<Concert, Error, CreateConcertRequest>({
    mutationFn: async (request) =>
      (
        await apiRequest('/api/concerts', ConcertResponseSchema, {
          method: 'POST',
          body: request,
          bearerToken: token,
        })
      ).concert,
    onSuccess: (concert) => {
      queryClient.setQueryData(concertKeys.detail(concert.id), concert);
      void queryClient.invalidateQueries({ queryKey: concertKeys.all, exact: true });
      void queryClient.invalidateQueries({ queryKey: organizerKeys.concerts });
    },
  });
}

export function useUpdateConcert(concertId: string, token: string) {
  const queryClient = useQueryClient();
  return useMutation<Concert, Error, UpdateConcertRequest>({
    mutationFn: async (change) =>
      (
        await apiRequest(`/api/concerts/${encodeURIComponent(concertId)}`, ConcertResponseSchema, {
          method: 'PATCH',
          body: change,
          bearerToken: token,
        })
      ).concert,
    onSuccess: (concert) => {
      queryClient.setQueryData(concertKeys.detail(concert.id), concert);
      void queryClient.invalidateQueries({ queryKey: organizerKeys.sales(concert.id) });
      // More capacity, or a new offer time, changes the waiting list.
      void queryClient.invalidateQueries({ queryKey: waitingListKeys.organizer(concert.id) });
      void queryClient.invalidateQueries({ queryKey: concertKeys.all, exact: true });
      void queryClient.invalidateQueries({ queryKey: organizerKeys.concerts });
    },
  });
}

export function useUpdateTier(concertId: string, tierCode: string, token: string) {
  const queryClient = useQueryClient();
  return useMutation<Concert, Error, UpdateTierRequest>({
    mutationFn: async (change) =>
      (
        await apiRequest(
          `/api/concerts/${encodeURIComponent(concertId)}/tiers/${encodeURIComponent(tierCode)}`,
          ConcertResponseSchema,
          { method: 'PATCH', body: change, bearerToken: token },
        )
      ).concert,
    onSuccess: (concert) => {
      queryClient.setQueryData(concertKeys.detail(concert.id), concert);
      void queryClient.invalidateQueries({ queryKey: organizerKeys.sales(concert.id) });
      // More capacity, or a new offer time, changes the waiting list.
      void queryClient.invalidateQueries({ queryKey: waitingListKeys.organizer(concert.id) });
      void queryClient.invalidateQueries({ queryKey: concertKeys.all, exact: true });
      void queryClient.invalidateQueries({ queryKey: organizerKeys.concerts });
    },
  });
}
