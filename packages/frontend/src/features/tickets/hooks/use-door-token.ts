import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTabToken, type TabToken } from '../../../lib/use-tab-token';
import { ticketKeys } from '../api/tickets';
import { forgetDoorKeys } from './use-door-keys';

/** Apart from the organizer's: signing out of the door leaves the organizer's pages signed in. */
const STORAGE_KEY = 'encore.door-token';

/**
 * The token the door page checks tickets in with, for this tab; signing out also forgets the
 * tickets read at this door (their holders' names) and the door keys.
 */
export function useDoorToken(): TabToken {
  const queryClient = useQueryClient();
  const forget = useCallback(() => {
    queryClient.removeQueries({ queryKey: ticketKeys.all });
    forgetDoorKeys(queryClient);
  }, [queryClient]);
  return useTabToken(STORAGE_KEY, forget);
}
