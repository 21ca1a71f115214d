import { createHmac, timingSafeEqual } from 'node:crypto';

/** A ticket as its code names it: which booking, and which of its admissions. */
export interface TicketRef {
  bookingId: string;
  number: number;
}

/** Makes, reads and checks tickets' codes. */
export interface TicketCodes {
  /**
   * The code of a ticket of a booking for `concertId`, signed with that concert's door key; with
   * no concert, with the product's own key, as codes once all were.
   */
  codeOf(ref: TicketRef, concertId?: string): string;
  /** The ticket a well-formed code names; whether the code is genuine is `isGenuine`'s to say. */
  read(code: string): TicketRef | undefined;
  /** Whether this product made the code for a ticket of `concertId`. */
  isGenuine(code: string, concertId: string): boolean;
  /** The key a door checks the concert's codes with, with no network. */
  doorKey(concertId: string): Buffer;
}

const PAYLOAD_BYTES = 18;
const TAG_BYTES = 16;
/** base64url of the payload (24 characters) and of the tag (22). */
const CODE_LENGTH = 46;
const PAYLOAD_LENGTH = 24;

/**
 * Codes are the booking's id and the ticket's number, signed with an HMAC (a 128-bit tag) under
 * its concert's door key, itself drawn from the database's secret (so every instance makes and
 * accepts the same codes): a code cannot be made up or altered without that key, and nothing
 * per ticket is stored until it is checked in. A door may hold its concerts' keys to check codes
 * with no network; a key makes only its own concert's codes. Codes made before there were door
 * keys, under the product's own key, are still accepted, online.
 */
export function createTicketCodes(databaseSecret: Buffer): TicketCodes {
  const productKey = createHmac('sha256', databaseSecret).update('ticket codes').digest();
  const doorKeys = new Map<string, Buffer>();
  const doorKey = (concertId: string): Buffer => {
    let key = doorKeys.get(concertId);
    if (!key) {
      key = createHmac('sha256', productKey).update(`door:${concertId}`).digest();
      doorKeys.set(concertId, key);
    }
    return key;
  };
  // Compared as text: base64url's last character has spare bits, which must not vary.
  const tagOf = (key: Buffer, payload: Buffer) =>
    createHmac('sha256', key).update(payload).digest().subarray(0, TAG_BYTES).toString('base64url');
  const signedWith = (key: Buffer, code: string): boolean => {
    const payload = Buffer.from(code.slice(0, PAYLOAD_LENGTH), 'base64url');
    const expected = Buffer.from(tagOf(key, payload));
    const given = Buffer.from(code.slice(PAYLOAD_LENGTH));
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  return {
    codeOf({ bookingId, number }, concertId) {
      const payload = Buffer.alloc(PAYLOAD_BYTES);
      Buffer.from(bookingId.replace(/-/g, ''), 'hex').copy(payload);
      payload.writeUInt16BE(number, 16);
      const key = concertId === undefined ? productKey : doorKey(concertId);
      return payload.toString('base64url') + tagOf(key, payload);
    },
    read(code) {
      if (!/^[A-Za-z0-9_-]+$/.test(code) || code.length !== CODE_LENGTH) return undefined;
      const payload = Buffer.from(code.slice(0, PAYLOAD_LENGTH), 'base64url');
      if (payload.length !== PAYLOAD_BYTES) return undefined;
      const hex = payload.subarray(0, 16).toString('hex');
      const bookingId = [8, 12, 16, 20].reduceRight(
        (id, at) => `${id.slice(0, at)}-${id.slice(at)}`,
        hex,
      );
      const number = payload.readUInt16BE(16);
      return number > 0 ? { bookingId, number } : undefined;
    },
    isGenuine(code, concertId) {
      if (code.length !== CODE_LENGTH) return false;
      return signedWith(doorKey(concertId), code) || signedWith(productKey, code);
    },
    doorKey,
  };
}
