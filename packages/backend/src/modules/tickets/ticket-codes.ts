import { createHmac, timingSafeEqual } from 'node:crypto';

/** A ticket as its code names it: which booking, and which of its admissions. */
export interface TicketRef {
  bookingId: string;
  number: number;
}

/** Makes and reads tickets' codes. */
export interface TicketCodes {
  codeOf(ref: TicketRef): string;
  /** The ticket a code names, or undefined for a code this product did not make. */
  read(code: string): TicketRef | undefined;
}

const PAYLOAD_BYTES = 18;
const TAG_BYTES = 16;
/** base64url of the payload (24 characters) and of the tag (22). */
const CODE_LENGTH = 46;

/**
 * Codes are the booking's id and the ticket's number, signed with an HMAC under a key drawn from
 * the database's secret (so every instance makes and accepts the same codes): a code cannot be
 * made up or altered without that key, and whoever holds it (a door's device) can check one with
 * no network. Nothing per ticket is stored until it is checked in. The 128-bit tag makes guessing
 * hopeless however many tries one gets.
 */
export function createTicketCodes(databaseSecret: Buffer): TicketCodes {
  const key = createHmac('sha256', databaseSecret).update('ticket codes').digest();
  const tagOf = (payload: Buffer) =>
    createHmac('sha256', key).update(payload).digest().subarray(0, TAG_BYTES);
  return {
    codeOf({ bookingId, number }) {
      const payload = Buffer.alloc(PAYLOAD_BYTES);
      Buffer.from(bookingId.replace(/-/g, ''), 'hex').copy(payload);
      payload.writeUInt16BE(number, 16);
      return payload.toString('base64url') + tagOf(payload).toString('base64url');
    },
    read(code) {
      if (code.length !== CODE_LENGTH) return undefined;
      const payload = Buffer.from(code.slice(0, 24), 'base64url');
      if (payload.length !== PAYLOAD_BYTES) return undefined;
      // Compared as text: base64url's last character has spare bits, which must not vary.
      const expected = Buffer.from(tagOf(payload).toString('base64url'));
      const given = Buffer.from(code.slice(24));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      const hex = payload.subarray(0, 16).toString('hex');
      const bookingId = [8, 12, 16, 20].reduceRight(
        (id, at) => `${id.slice(0, at)}-${id.slice(at)}`,
        hex,
      );
      const number = payload.readUInt16BE(16);
      return number > 0 ? { bookingId, number } : undefined;
    },
  };
}
