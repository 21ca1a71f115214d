import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a pass lets its session check out; asking for the place again renews it. */
export const PASS_TTL_MS = 10 * 60_000;

const PASS = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})$/;

export type PassCheck = 'valid' | 'missing' | 'forged' | 'expired';

/**
 * The waiting room's passes: `<expiry>.<mac>`, the MAC binding the concert, the session and the
 * expiry under a key of its own derived from the database's signing key. Checking one costs no
 * database read, and a pass is good for its own session and concert only.
 */
export interface WaitingRoomPasses {
  issue(concertId: string, sessionId: string, expiresAt: number): string;
  check(pass: string | undefined, concertId: string, sessionId: string, now: number): PassCheck;
}

export function createWaitingRoomPasses(secret: Buffer): WaitingRoomPasses {
  const key = createHmac('sha256', secret).update('waiting-room pass').digest();
  function mac(concertId: string, sessionId: string, expiresAt: number): Buffer {
    return createHmac('sha256', key)
      .update(`${concertId}\n${sessionId}\n${expiresAt}`)
      .digest()
      .subarray(0, 16);
  }
  return {
    issue(concertId, sessionId, expiresAt) {
      const tag = mac(concertId, sessionId, expiresAt).toString('base64url');
      return `${expiresAt.toString(36)}.${tag}`;
    },
    check(pass, concertId, sessionId, now) {
      if (pass === undefined) return 'missing';
      const match = PASS.exec(pass);
      if (!match) return 'forged';
      const [, expiry = '', given = ''] = match;
      const expiresAt = parseInt(expiry, 36);
      const givenMac = Buffer.from(given, 'base64url');
      const good =
        givenMac.length === 16 && timingSafeEqual(givenMac, mac(concertId, sessionId, expiresAt));
      if (!good) return 'forged';
      return now < expiresAt ? 'valid' : 'expired';
    },
  };
}
