import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

const DoorKeySchema = z.object({
  concertId: z.string().min(1),
  name: z.string(),
  artist: z.string(),
  startsAt: z.iso.datetime({ offset: true }),
  timeZone: z.string(),
  /** base64url of 32 bytes. */
  key: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});
export type DoorKey = z.infer<typeof DoorKeySchema>;

export const DoorKeysResponseSchema = z.object({ keys: z.array(DoorKeySchema) });

export const doorKeysQueryKey = (token: string) => ['door-keys', token] as const;

/**
 * The keys that sign the tickets of the concerts starting between 12 hours ago and 48 hours from
 * now, for checking them at the door without the server.
 */
export async function fetchDoorKeys(token: string, signal?: AbortSignal): Promise<DoorKey[]> {
  const options = signal ? { signal } : {};
  const { keys } = await apiRequest('/api/admin/door-keys', DoorKeysResponseSchema, {
    ...options,
    bearerToken: token,
  });
  return keys;
}
