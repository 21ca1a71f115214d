import { ApiError } from './api-client';

/**
 * Whether the server surely answered the request, so that sending it again would be asking
 * anew. No answer (the network failed), a 5xx or a 429 leaves it open: the request may or may
 * not have been done, or the server asked to be asked again.
 */
function isDefinite(error: unknown): boolean {
  return (
    error instanceof ApiError && error.status > 0 && error.status < 500 && error.status !== 429
  );
}

/**
 * A new random key. `crypto.randomUUID` exists only on secure pages (https, localhost); a page
 * served over plain http on a local network gets 128 random bits from `getRandomValues` instead.
 */
function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * One Idempotency-Key per purchase attempt (entering checkout, paying). The same request sent
 * again before a definite answer (a double click, or a retry after the network or the server
 * failed) is the same attempt and reuses its key, so the server does it once and answers the
 * repeat as it answered the first. A different request (other card details, other tickets), or
 * any request after a definite answer (bought, declined, sold out), is a new attempt, new key.
 */
export function createPurchaseAttempts() {
  let current: { request: string; key: string } | undefined;

  function end(attempt: typeof current): void {
    if (current === attempt) current = undefined;
  }

  return {
    async send<T>(request: unknown, call: (idempotencyKey: string) => Promise<T>): Promise<T> {
      const json = JSON.stringify(request);
      if (current?.request !== json) current = { request: json, key: newKey() };
      const attempt = current;
      try {
        const result = await call(attempt.key);
        end(attempt);
        return result;
      } catch (error) {
        if (isDefinite(error)) end(attempt);
        throw error;
      }
    },
  };
}

export type PurchaseAttempts = ReturnType<typeof createPurchaseAttempts>;
