import type { DoorKey } from '../api/door-keys';

const PAYLOAD_CHARS = 24;
const TAG_CHARS = 22;
const TAG_BYTES = 16;
const CODE_PATTERN = /^[A-Za-z0-9_-]{46}$/;

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function uuidOf(bytes: Uint8Array): string {
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const imported = new Map<string, Promise<CryptoKey>>();

function hmacKey(key: string): Promise<CryptoKey> {
  let cryptoKey = imported.get(key);
  if (!cryptoKey) {
    cryptoKey = crypto.subtle.importKey(
      'raw',
      fromBase64Url(key),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    imported.set(key, cryptoKey);
  }
  return cryptoKey;
}

export type OfflineCheck =
  | { kind: 'valid'; concert: DoorKey; bookingId: string; number: number }
  /** Signed by none of the keys; `wellFormed` when it is shaped like a ticket code all the same. */
  | { kind: 'unsigned'; wellFormed: boolean };

/**
 * Checks a ticket code's signature against the door keys, as the server would, without it: the
 * payload (booking UUID, ticket number) signed with the concert's key.
 */
export async function checkOffline(code: string, keys: DoorKey[]): Promise<OfflineCheck> {
  if (!CODE_PATTERN.test(code)) return { kind: 'unsigned', wellFormed: false };
  const payload = fromBase64Url(code.slice(0, PAYLOAD_CHARS));
  const tag = code.slice(PAYLOAD_CHARS);
  if (tag.length !== TAG_CHARS) return { kind: 'unsigned', wellFormed: false };
  for (const concert of keys) {
    const signature = await crypto.subtle.sign('HMAC', await hmacKey(concert.key), payload);
    // Compared as text, as the server does: a tag with stray low bits is not the same tag.
    if (toBase64Url(new Uint8Array(signature, 0, TAG_BYTES)) === tag) {
      const number = new DataView(payload.buffer).getUint16(16, false);
      return { kind: 'valid', concert, bookingId: uuidOf(payload.subarray(0, 16)), number };
    }
  }
  return { kind: 'unsigned', wellFormed: true };
}
