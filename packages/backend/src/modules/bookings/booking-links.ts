import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a link to a buyer's bookings says: whose, and until when it works. */
export interface BookingLinkClaim {
  /** The buyer's email address, in lower case. */
  email: string;
  expiresAt: number;
}

/** Makes and reads the tokens of links to a buyer's bookings. */
export interface BookingLinks {
  tokenOf(claim: BookingLinkClaim): string;
  /** The claim a token makes, or undefined for a token this product did not make. */
  read(token: string): BookingLinkClaim | undefined;
}

const TAG_BYTES = 16;

/**
 * Tokens are the claim in base64url and an HMAC-SHA256 tag of it (128 bits) under a key drawn
 * from the database's secret, so every instance makes and accepts the same ones and nothing is
 * stored per link. Whoever holds one until it runs out opens the bookings: it is only ever sent
 * to the address it names.
 */
export function createBookingLinks(databaseSecret: Buffer): BookingLinks {
  const key = createHmac('sha256', databaseSecret).update('booking links').digest();
  const tagOf = (payload: string) =>
    createHmac('sha256', key).update(payload).digest().subarray(0, TAG_BYTES).toString('base64url');
  return {
    tokenOf({ email, expiresAt }) {
      const payload = Buffer.from(JSON.stringify([email, expiresAt])).toString('base64url');
      return `${payload}.${tagOf(payload)}`;
    },
    read(token) {
      const [payload, tag, ...rest] = token.split('.');
      if (payload === undefined || tag === undefined || rest.length > 0) return undefined;
      const expected = Buffer.from(tagOf(payload));
      const given = Buffer.from(tag);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      const [email, expiresAt] = JSON.parse(Buffer.from(payload, 'base64url').toString()) as [
        string,
        number,
      ];
      return { email, expiresAt };
    },
  };
}
