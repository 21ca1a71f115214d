import { useQuery, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { z } from 'zod';
import {
  DoorKeysResponseSchema,
  doorKeysQueryKey,
  fetchDoorKeys,
  type DoorKey,
} from '../api/door-keys';

/** For this tab only, so a reload while offline can still check tickets. */
const STORAGE_KEY = 'encore.door-keys';
const REFRESH_MS = 10 * 60_000;
const NO_KEYS: DoorKey[] = [];

const StoredKeysSchema = DoorKeysResponseSchema.extend({ token: z.string() });

function storedKeys(token: string): DoorKey[] | undefined {
  try {
    const parsed = StoredKeysSchema.safeParse(
      JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null'),
    );
    // Keys fetched with another token are not this door's to use.
    return parsed.success && parsed.data.token === token ? parsed.data.keys : undefined;
  } catch {
    return undefined;
  }
}

function storeKeys(token: string, keys: DoorKey[]) {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ token, keys }));
  } catch {
    // Storage can be switched off; then the keys last as long as the page.
  }
}

/** Forgets the door keys, in memory and in the tab's storage, as the door signs out. */
export function forgetDoorKeys(queryClient: QueryClient) {
  queryClient.removeQueries({ queryKey: ['door-keys'] });
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // See storeKeys.
  }
}

/**
 * The door keys for `token`, fetched as the door page opens and every 10 minutes while online;
 * the last good answer stays when a later fetch fails. `onReached` is told of each good answer.
 */
export function useDoorKeys(token: string, onReached?: () => void) {
  const query = useQuery({
    queryKey: doorKeysQueryKey(token),
    queryFn: async ({ signal }) => {
      const keys = await fetchDoorKeys(token, signal);
      storeKeys(token, keys);
      return keys;
    },
    initialData: () => storedKeys(token),
    // Whatever was stored is refreshed as soon as the page opens.
    initialDataUpdatedAt: 0,
    refetchInterval: REFRESH_MS,
  });
  const { dataUpdatedAt, refetch } = query;
  useEffect(() => {
    if (dataUpdatedAt > 0) onReached?.();
  }, [dataUpdatedAt, onReached]);
  return { keys: query.data ?? NO_KEYS, refetch };
}
