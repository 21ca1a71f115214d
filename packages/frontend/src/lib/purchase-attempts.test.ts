import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-client';
import { createPurchaseAttempts, type PurchaseAttempts } from './purchase-attempts';

const PAY = { concertId: 'neon-harbor-tidelight', card: '4242424242424242' };

/** Sends `request` and resolves with the key it went under, however it was answered. */
async function keyOf(
  attempts: PurchaseAttempts,
  request: unknown,
  outcome: Error | 'ok' = 'ok',
): Promise<string> {
  let sentWith = '';
  await attempts
    .send(request, (key) => {
      sentWith = key;
      return outcome === 'ok' ? Promise.resolve('ok') : Promise.reject(outcome);
    })
    .catch(() => undefined);
  return sentWith;
}

describe('purchase attempts', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('send the same request, sent twice at once (a double click), under one key', async () => {
    const attempts = createPurchaseAttempts();
    const keys: string[] = [];
    const call = (key: string) => {
      keys.push(key);
      return Promise.resolve();
    };

    await Promise.all([attempts.send(PAY, call), attempts.send(PAY, call)]);

    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });

  it.each([
    ['no answer (network)', new ApiError(0, 'NETWORK_ERROR', 'offline')],
    ['500', new ApiError(500, 'INTERNAL_ERROR', 'oops')],
    ['503 BUSY', new ApiError(503, 'BUSY', 'busy')],
    ['a 502 that is not ours', new ApiError(502, 'UNEXPECTED_RESPONSE', 'bad gateway')],
    ['429', new ApiError(429, 'UNEXPECTED_RESPONSE', 'slow down')],
    ['an error that is no answer at all', new TypeError('failed')],
  ])('send a request again under the same key after %s', async (_, failure) => {
    const attempts = createPurchaseAttempts();

    const first = await keyOf(attempts, PAY, failure);
    const retry = await keyOf(attempts, { ...PAY });

    expect(retry).toBe(first);
  });

  it.each([
    ['a success', 'ok'],
    ['402 PAYMENT_DECLINED', new ApiError(402, 'PAYMENT_DECLINED', 'declined')],
    ['409 NOT_ENOUGH_TICKETS', new ApiError(409, 'NOT_ENOUGH_TICKETS', 'sold out')],
    ['410 HOLD_EXPIRED', new ApiError(410, 'HOLD_EXPIRED', 'gone')],
  ] satisfies [string, Error | 'ok'][])(
    'make the same request after %s a new attempt, with a new key',
    async (_, outcome) => {
      const attempts = createPurchaseAttempts();

      const first = await keyOf(attempts, PAY, outcome);
      const next = await keyOf(attempts, PAY);

      expect(next).not.toBe(first);
    },
  );

  it('make a different request a new attempt, even while the first is unanswered', async () => {
    const attempts = createPurchaseAttempts();

    const first = await keyOf(attempts, PAY, new ApiError(0, 'NETWORK_ERROR', 'offline'));
    const other = await keyOf(attempts, { ...PAY, card: '5555555555554444' });
    const backAgain = await keyOf(attempts, PAY);

    expect(other).not.toBe(first);
    expect(backAgain).not.toBe(first);
  });

  it('make up random keys also on a page that is not secure, where randomUUID is missing', async () => {
    const real = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: real.getRandomValues.bind(real) });
    const attempts = createPurchaseAttempts();

    const first = await keyOf(attempts, PAY);
    const second = await keyOf(attempts, PAY);

    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(second).toMatch(/^[0-9a-f]{32}$/);
    expect(second).not.toBe(first);
  });

  it('keep apart the attempts of two pages', async () => {
    const first = await keyOf(createPurchaseAttempts(), PAY, new ApiError(0, 'NETWORK_ERROR', ''));

    expect(await keyOf(createPurchaseAttempts(), PAY)).not.toBe(first);
  });
});
