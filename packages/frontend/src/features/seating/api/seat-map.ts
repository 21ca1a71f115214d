import { SeatMapResponseSchema } from '@ticket-booking/shared';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export const seatMapKeys = {
  detail: (concertId: string) => ['concerts', concertId, 'seats'] as const,
};

/** A seated concert's plan and every seat's state, as of the map's `version`. */
export function useSeatMapQuery(concertId: string) {
  return useQuery({
    queryKey: seatMapKeys.detail(concertId),
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
