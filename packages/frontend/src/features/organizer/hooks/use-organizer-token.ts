import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTabToken, type TabToken } from '../../../lib/use-tab-token';
import { organizerKeys } from '../api/organizer';

const STORAGE_KEY = 'encore.organizer-token';

export type OrganizerToken = TabToken;

/** The organizer's token for this tab; signing out also forgets every figure fetched with it. */
export function useOrganizerToken(): OrganizerToken {
  const queryClient = useQueryClient();
  const forget = useCallback(() => {
    queryClient.removeQueries({ queryKey: organizerKeys.all });
  }, [queryClient]);
  return useTabToken(STORAGE_KEY, forget);
}
