import { SeatMapResponseSchema } from '@ticket-booking/shared';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export const seatMapKeys = {
  detail: (concertId: string) => ['concerts', concertId, 'seats'] as const,
};

/**
 * A seated concert's plan and every seat's state, as of the map's `version`; not asked for while
 * `enabled` is false (a concert with no seated tier has no map).
 */
export function useSeatMapQuery(concertId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: seatMapKeys.detail(concertId),
    enabled,
    queryFn: async ({ signal }) =>
      (
        await apiRequest(
          `/api/concerts/${encodeURIComponent(concertId)}/seats`,
          SeatMapResponseSchema,
          { signal },
        )
      ).seatMap,
  });
}
