import { useCallback, useState } from 'react';

function storedToken(storageKey: string): string | null {
  try {
    return sessionStorage.getItem(storageKey);
  } catch {
    // Storage can be switched off; then the token lasts as long as the page.
    return null;
  }
}

export interface TabToken {
  token: string | null;
  signIn: (token: string) => void;
  signOut: () => void;
}

/**
 * A bearer token kept for this tab only, under `storageKey`: sessionStorage is gone when the tab
 * closes, and the token is never in the URL. `onSignOut` forgets whatever was fetched with it.
 */
export function useTabToken(storageKey: string, onSignOut: () => void): TabToken {
  const [token, setToken] = useState(() => storedToken(storageKey));

  const signIn = useCallback(
    (next: string) => {
      try {
        sessionStorage.setItem(storageKey, next);
      } catch {
        // See storedToken.
      }
      setToken(next);
    },
    [storageKey],
  );

  const signOut = useCallback(() => {
    try {
      sessionStorage.removeItem(storageKey);
    } catch {
      // See storedToken.
    }
    onSignOut();
    setToken(null);
  }, [storageKey, onSignOut]);

  return { token, signIn, signOut };
}
