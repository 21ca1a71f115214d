import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * Session cookies are `<id>.<mac>`: a random id (a version 4 UUID's 16 bytes) and an HMAC of it under the database's
 * signing key. A cookie whose MAC does not check out was not issued here and is never adopted,
 * and checking one costs no database read.
 */
const TOKEN = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/;

export interface SessionTokens {
  issue(): { sessionId: string; token: string };
  /** The session id a token proves, or undefined for anything this server did not issue. */
  verify(token: string | undefined): string | undefined;
}

/**
 * Node hands out UUIDs from a pool of randomness it refills in bulk, where `randomBytes(16)` is a
 * call into the system for every new shopper; 122 of the 128 bits are random.
 */
function newSessionId(): string {
  return Buffer.from(randomUUID().replaceAll('-', ''), 'hex').toString('base64url');
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
