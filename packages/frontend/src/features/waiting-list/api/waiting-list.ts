import {
  OfferResponseSchema,
  OrganizerWaitingListSchema,
  WaitingListEntriesResponseSchema,
  WaitingListEntryResponseSchema,
  type WaitingListEntry,
  type WaitingListJoinRequest,
} from '@ticket-booking/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiRequest, apiRequestNoContent } from '../../../lib/api-client';

export const waitingListKeys = {
  all: ['waiting-list'] as const,
  entries: (concertId: string) => ['waiting-list', concertId] as const,
  offer: (token: string) => ['offers', token] as const,
  /** Under the organizer's keys, so that signing out forgets it with the rest. */
  organizer: (concertId: string) => ['organizer', 'waiting-list', concertId] as const,
};

const listPath = (concertId: string) =>
  `/api/concerts/${encodeURIComponent(concertId)}/waiting-list`;

/** Whether the entry still waits for tickets or holds some: the list is not over for it. */
export function isActiveEntry(entry: WaitingListEntry): boolean {
  return entry.status === 'WAITING' || entry.status === 'OFFERED';
}

/** This browser's entries on the concert's waiting lists, at most one per tier. */
export function useWaitingListEntries(concertId: string) {
  return useQuery({
    queryKey: waitingListKeys.entries(concertId),
    queryFn: async ({ signal }) =>
      (await apiRequest(listPath(concertId), WaitingListEntriesResponseSchema, { signal })).entries,
  });
}

/** The entries with `entry` in place of the tier's old one. */
function withEntry(entries: WaitingListEntry[] | undefined, entry: WaitingListEntry) {
  return [...(entries ?? []).filter((other) => other.tier !== entry.tier), entry];
}

export function useJoinWaitingList(concertId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (request: WaitingListJoinRequest) =>
      (
        await apiRequest(listPath(concertId), WaitingListEntryResponseSchema, {
          method: 'POST',
          body: request,
        })
      ).entry,
    onSuccess: (entry) => {
      queryClient.setQueryData<WaitingListEntry[]>(waitingListKeys.entries(concertId), (entries) =>
        withEntry(entries, entry),
      );
    },
    onError: (error) => {
      // Joined from another tab: show that entry instead.
      if (error instanceof ApiError && error.code === 'ALREADY_ON_WAITING_LIST') {
        void queryClient.invalidateQueries({ queryKey: waitingListKeys.entries(concertId) });
      }
    },
  });
}

/** Leaves a tier's waiting list, giving up the offer the entry may hold. */
export function useLeaveWaitingList(concertId: string) {
  const queryClient = useQueryClient();
  const forget = (tier: string) => {
    queryClient.setQueryData<WaitingListEntry[]>(waitingListKeys.entries(concertId), (entries) =>
      entries?.filter((entry) => entry.tier !== tier),
    );
  };
  return useMutation({
    mutationFn: (tier: string) =>
      apiRequestNoContent(`${listPath(concertId)}/${encodeURIComponent(tier)}`, {
        method: 'DELETE',
      }),
    onSuccess: (_nothing, tier) => {
      forget(tier);
    },
    onError: (error, tier) => {
      // Left already (another tab, or the offer was bought): the entry is gone all the same.
      if (error instanceof ApiError && error.code === 'NOT_ON_WAITING_LIST') {
        forget(tier);
        void queryClient.invalidateQueries({ queryKey: waitingListKeys.entries(concertId) });
      }
    },
  });
}

/** An offer, by the token of its link: no session needed, so it opens on any device. */
export function useOffer(token: string) {
  return useQuery({
    queryKey: waitingListKeys.offer(token),
    queryFn: async ({ signal }) =>
      (
        await apiRequest(`/api/offers/${encodeURIComponent(token)}`, OfferResponseSchema, {
          signal,
        })
      ).offer,
  });
}

/** Every entry of the concert's waiting lists, for its organizer. */
export function useOrganizerWaitingList(concertId: string, token: string) {
  return useQuery({
    queryKey: waitingListKeys.organizer(concertId),
    queryFn: ({ signal }) =>
      apiRequest(
        `/api/admin/concerts/${encodeURIComponent(concertId)}/waiting-list`,
        OrganizerWaitingListSchema,
        {
          signal,
          bearerToken: token,
        },
      ),
  });
}
