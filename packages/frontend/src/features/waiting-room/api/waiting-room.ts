import { WaitingRoomPlaceResponseSchema, type WaitingRoomPlace } from '@ticket-booking/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, apiRequestNoContent } from '../../../lib/api-client';
import { rememberPass } from '../utils/pass';

export const waitingRoomKeys = {
  place: (concertId: string) => ['waiting-room', concertId] as const,
};

const roomPath = (concertId: string) =>
  `/api/concerts/${encodeURIComponent(concertId)}/waiting-room`;

/** Keeps the pass of a place let in, for the checkout that follows. */
function kept(place: WaitingRoomPlace | null): WaitingRoomPlace | null {
  if (place?.pass !== undefined) rememberPass(place.concertId, place.pass);
  return place;
}

/** This browser's place in the concert's waiting room, or null if it has none. */
export function useWaitingRoomPlace(concertId: string) {
  return useQuery({
    queryKey: waitingRoomKeys.place(concertId),
    queryFn: async ({ signal }) =>
      kept(
        (await apiRequest(roomPath(concertId), WaitingRoomPlaceResponseSchema, { signal })).place,
      ),
  });
}

export function useJoinWaitingRoom(concertId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      kept(
        (
          await apiRequest(roomPath(concertId), WaitingRoomPlaceResponseSchema, {
            method: 'POST',
          })
        ).place,
      ),
    onSuccess: (place) => {
      queryClient.setQueryData(waitingRoomKeys.place(concertId), place);
    },
  });
}

export function useLeaveWaitingRoom(concertId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequestNoContent(roomPath(concertId), { method: 'DELETE' }),
    onSuccess: () => {
      queryClient.setQueryData(waitingRoomKeys.place(concertId), null);
    },
  });
}
