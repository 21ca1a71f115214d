import { createHmac, randomFillSync, timingSafeEqual } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/**
 * Session cookies are `<id>.<mac>`: an id (a version 7 UUID's 16 bytes) and an HMAC of it under
 * the database's signing key. A cookie whose MAC does not check out was not issued here and is never adopted,
 * and checking one costs no database read.
 */
const TOKEN = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/;

export interface SessionTokens {
  issue(): { sessionId: string; token: string };
  /** The session id a token proves, or undefined for anything this server did not issue. */
  verify(token: string | undefined): string | undefined;
}

/**
 * A version 7 UUID: the millisecond it was made, then 74 random bits. Ids made close together
 * share their leading characters, so the rows a rush of new shoppers adds (their sessions,
 * their holds by session) go to the same few pages of each index, where random ids would touch
 * a page of their own each: several times the pages every commit writes and checkpoints copy
 * (see docs/performance.md). The id proves nothing by itself: only its MAC makes a cookie good.
 */
export function newSessionId(): string {
  return uuidv7({ rng: pooledRandom16 }, Buffer.alloc(16)).toString('base64url');
}

/**
 * 16 random bytes from a pool filled 256 ids at a time: asking the system's generator for each
 * id was a few microseconds of every new shopper's first request.
 */
const pool = Buffer.alloc(16 * 256);
let poolUsed = pool.length;
function pooledRandom16(): Uint8Array {
  if (poolUsed === pool.length) {
    randomFillSync(pool);
    poolUsed = 0;
  }
  poolUsed += 16;
  return pool.subarray(poolUsed - 16, poolUsed);
}

export function createSessionTokens(secret: Buffer): SessionTokens {
  function mac(id: string): Buffer {
    return createHmac('sha256', secret).update(id).digest().subarray(0, 16);
  }
  return {
    issue() {
      const sessionId = newSessionId();
      return { sessionId, token: `${sessionId}.${mac(sessionId).toString('base64url')}` };
    },
    verify(token) {
      const match = token === undefined ? null : TOKEN.exec(token);
      if (!match) return undefined;
      const [, id = '', given = ''] = match;
      const givenMac = Buffer.from(given, 'base64url');
      return givenMac.length === 16 && timingSafeEqual(givenMac, mac(id)) ? id : undefined;
    },
  };
}
