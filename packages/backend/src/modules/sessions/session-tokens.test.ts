import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSessionTokens, newSessionId } from './session-tokens.js';

const MADE_AT = Date.UTC(2026, 10, 21, 18, 30, 0, 123);

function madeAtOf(sessionId: string): number {
  return Buffer.from(sessionId, 'base64url').readUIntBE(0, 6);
}

describe('session ids', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('begin with the millisecond they were made, so ids of the same moment are stored side by side', () => {
    vi.useFakeTimers({ toFake: ['Date'], now: MADE_AT });
    const now = [newSessionId(), newSessionId()];
    vi.setSystemTime(MADE_AT + 60_000);
    const later = newSessionId();

    expect(now.map(madeAtOf)).toEqual([MADE_AT, MADE_AT]);
    expect(madeAtOf(later)).toBe(MADE_AT + 60_000);
    expect(now[0]).not.toBe(now[1]);
  });

  it('are not guessable from one another: thousands made in the same millisecond all differ', () => {
    vi.useFakeTimers({ toFake: ['Date'], now: MADE_AT });

    const ids = Array.from({ length: 10_000 }, () => newSessionId());

    expect(new Set(ids).size).toBe(10_000);
    expect(new Set(ids.map((id) => id.slice(-10))).size).toBe(10_000);
  });

  it('are good only with the MAC the server made for them', () => {
    const tokens = createSessionTokens(randomBytes(32));
    const { sessionId, token } = tokens.issue();
    const other = createSessionTokens(randomBytes(32)).issue();

    expect(tokens.verify(token)).toBe(sessionId);
    expect(tokens.verify(`${sessionId}.${other.token.split('.')[1] ?? ''}`)).toBeUndefined();
    expect(tokens.verify(other.token)).toBeUndefined();
  });
});
