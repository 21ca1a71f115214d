import { useCallback, useState } from 'react';

/** Kept for this tab, like the organizer's token: a phone at a door stays at that door. */
const STORAGE_KEY = 'encore.door';

function storedDoor(): string {
  try {
    return sessionStorage.getItem(STORAGE_KEY) ?? '';
  } catch {
    // Storage can be switched off; then the name lasts as long as the page.
    return '';
  }
}

/** The name this door gives itself on each check-in, remembered across reloads of the tab. */
export function useDoorName(): [string, (door: string) => void] {
  const [door, setDoor] = useState(storedDoor);
  const change = useCallback((next: string) => {
    setDoor(next);
    try {
      if (next.trim() === '') sessionStorage.removeItem(STORAGE_KEY);
      else sessionStorage.setItem(STORAGE_KEY, next);
    } catch {
      // See storedDoor.
    }
  }, []);
  return [door, change];
}
