import { ConcertListResponseSchema, ConcertResponseSchema } from '@ticket-booking/shared';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export const concertKeys = {
  all: ['concerts'] as const,
  detail: (concertId: string) => ['concerts', concertId] as const,
};

export function useConcerts() {
  return useQuery({
    queryKey: concertKeys.all,
    queryFn: async ({ signal }) =>
      (await apiRequest('/api/concerts', ConcertListResponseSchema, { signal })).concerts,
  });
}

export function useConcert(concertId: string) {
  return useQuery({
    queryKey: concertKeys.detail(concertId),
    queryFn: async ({ signal }) =>
      (
        await apiRequest(`/api/concerts/${encodeURIComponent(concertId)}`, ConcertResponseSchema, {
          signal,
        })
      ).concert,
  });
}
