import { createHmac } from 'node:crypto';

/** A door key: base64url of 32 bytes. */
export function doorKey(seed: number): string {
  return Buffer.alloc(32, seed).toString('base64url');
}

/** A ticket code as the server makes one: the payload, then its HMAC-SHA256 tag cut to 16 bytes. */
export function signTicket(key: string, bookingId: string, number: number): string {
  const payload = Buffer.alloc(18);
  Buffer.from(bookingId.replace(/-/g, ''), 'hex').copy(payload, 0);
  payload.writeUInt16BE(number, 16);
  const tag = createHmac('sha256', Buffer.from(key, 'base64url'))
    .update(payload)
    .digest()
    .subarray(0, 16);
  return `${payload.toString('base64url')}${tag.toString('base64url')}`;
}
