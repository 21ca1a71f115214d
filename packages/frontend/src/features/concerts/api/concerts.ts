import { ConcertListResponseSchema, ConcertResponseSchema } from '@ticket-booking/shared';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export const concertKeys = {
  all: ['concerts'] as const,
  detail: (concertId: string) => ['concerts', concertId] as const,
};

/** Every concert; `refetchInterval` (ms) keeps the list's counts fresh while it is on screen. */
export function useConcerts({ refetchInterval }: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: concertKeys.all,
    refetchInterval,
    queryFn: async ({ signal }) =>
      (await apiRequest('/api/concerts', ConcertListResponseSchema, { signal })).concerts,
  });
}

/** One concert, past ones too (the list has only those on sale). */
export function useConcert(concertId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: concertKeys.detail(concertId),
    enabled,
    queryFn: async ({ signal }) =>
      (
        await apiRequest(`/api/concerts/${encodeURIComponent(concertId)}`, ConcertResponseSchema, {
          signal,
        })
      ).concert,
  });
}
