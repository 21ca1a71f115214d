import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { organizerKeys } from '../api/organizer';

/** Kept for this tab only: sessionStorage is gone when the tab closes, and never in the URL. */
const STORAGE_KEY = 'encore.organizer-token';

function storedToken(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be switched off; then the token lasts as long as the page.
    return null;
  }
}

export interface OrganizerToken {
  token: string | null;
  signIn: (token: string) => void;
  signOut: () => void;
}

/** The organizer's token for this tab; signing out also forgets every figure fetched with it. */
export function useOrganizerToken(): OrganizerToken {
  const queryClient = useQueryClient();
  const [token, setToken] = useState(storedToken);

  const signIn = useCallback((next: string) => {
    try {
      sessionStorage.setItem(STORAGE_KEY, next);
    } catch {
      // See storedToken.
    }
    setToken(next);
  }, []);

  const signOut = useCallback(() => {
    try {
      sessionStorage.removeItem(STORAGE_KEY);
    } catch {
      // See storedToken.
    }
    queryClient.removeQueries({ queryKey: organizerKeys.all });
    setToken(null);
  }, [queryClient]);

  return { token, signIn, signOut };
}
