import { randomBytes } from 'node:crypto';
import type { StreamSlots } from '../http/abuse-limits.js';
import type { Clock } from '../lib/clock.js';
import type { RedisConnection } from './redis.js';

/**
 * How long a stream's place lasts unless its instance renews it: the streams of an instance that
 * was killed stop counting at most this long after its last renewal.
 */
export const STREAM_LEASE_MS = 15_000;
/** A third of the lease: two renewals in a row may fail before a place runs out. */
const RENEW_EVERY_MS = 5_000;
/** Places renewed per command, well under the arguments Lua's `unpack` can hand on at once. */
const RENEW_BATCH = 1000;

/**
 * KEYS[1]: an address's sorted set of places, scored by when each runs out. ARGV: now, the new
 * place's end, the cap, the place's name, the lease. Forgets the places that ran out, then takes
 * one if there is room; one script, so two instances never both take the last one.
 */
const TAKE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1`;

/**
 * KEYS[1]: an address's places. ARGV: the lease, then pairs of end and place. Adds the places a
 * lost renewal or a restarted Redis left out, so the count comes back with Redis.
 */
const RENEW = `
redis.call('ZADD', KEYS[1], unpack(ARGV, 2))
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1`;

export interface StreamLeases extends StreamSlots {
  /** Stops renewing; the places still held run out with their lease. */
  close(): void;
}

export interface StreamLeasesOptions {
  keyPrefix: string;
  /** Decides when places run out; the instances' clocks must agree to within seconds. */
  clock: Clock;
  /** A stream opened without its place checked, because Redis did not answer. */
  onUnchecked: () => void;
}

/**
 * Open streams per address, counted across instances in Redis: each stream holds a place (a
 * lease) in its address's sorted set, which its instance renews every few seconds and gives
 * back when the stream closes. A crashed instance renews nothing, so its places run out.
 */
export function createStreamLeases(
  redis: RedisConnection,
  options: StreamLeasesOptions,
): StreamLeases {
  const { clock, keyPrefix } = options;
  const instance = randomBytes(6).toString('hex');
  let taken = 0;
  /** This instance's places, by their address's key. */
  const held = new Map<string, Set<string>>();

  function hold(key: string, place: string): () => void {
    let places = held.get(key);
    if (!places) {
      places = new Set();
      held.set(key, places);
    }
    places.add(place);
    return () => {
      places.delete(place);
      if (places.size === 0 && held.get(key) === places) held.delete(key);
      // Should Redis miss it, the place runs out with its lease.
      redis.send(['ZREM', key, place]).catch(() => undefined);
    };
  }

  function renew(): void {
    const lease = String(STREAM_LEASE_MS);
    const end = String(clock.now() + STREAM_LEASE_MS);
    for (const [key, places] of held) {
      const all = [...places];
      for (let from = 0; from < all.length; from += RENEW_BATCH) {
        const pairs = all.slice(from, from + RENEW_BATCH).flatMap((place) => [end, place]);
        // A renewal that fails is made good by the next one.
        redis.send(['EVAL', RENEW, '1', key, lease, ...pairs]).catch(() => undefined);
      }
    }
  }

  const renewal = setInterval(renew, RENEW_EVERY_MS);
  renewal.unref();

  return {
    async take(address, max) {
      const key = `${keyPrefix}streams:${address}`;
      taken += 1;
      const place = `${instance}:${taken}`;
      const now = clock.now();
      try {
        const reply = await redis.send([
          'EVAL',
          TAKE,
          '1',
          key,
          String(now),
          String(now + STREAM_LEASE_MS),
          String(max),
          place,
          String(STREAM_LEASE_MS),
        ]);
        if (reply === 0) return undefined;
      } catch {
        // Let through unchecked, but held here: the next renewal counts it once Redis answers.
        options.onUnchecked();
      }
      return hold(key, place);
    },
    close() {
      clearInterval(renewal);
    },
  };
}
