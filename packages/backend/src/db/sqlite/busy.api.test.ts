import { afterEach, describe, expect, it } from 'vitest';
import { countRows, storedTier } from '../../test/inspect.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { openSqliteStore, type SqliteStore } from './store.js';

const CONCERT = 'test-concert';

describe('when another process holds the write lock', () => {
  let app: TestApp | undefined;
  let other: SqliteStore | undefined;
  afterEach(async () => {
    await other?.close();
    await app?.close();
  });

  it('a write that stays blocked is answered 503 BUSY with Retry-After, and changes nothing', async () => {
    app = await startTestApp({
      store: 'sqlite',
      busy: { busyTimeoutMs: 0, retries: 2, baseDelayMs: 1, maxDelayMs: 2 },
    });
    other = openSqliteStore(app.config.databasePath);
    other.sqlite.exec('BEGIN IMMEDIATE');

    const res = await app.shopper().checkout(CONCERT, [{ tier: 'vip', quantity: 1 }]);

    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.body.error.code).toBe('BUSY');
    other.sqlite.exec('ROLLBACK');
    expect(await countRows(app.db, 'holds')).toBe(0);
    expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({ heldCounter: 0 });
  });

  it('a write that finds the database busy is retried and succeeds once the lock is free', async () => {
    app = await startTestApp({
      store: 'sqlite',
      busy: { busyTimeoutMs: 0, retries: 50, baseDelayMs: 2, maxDelayMs: 20 },
    });
    other = openSqliteStore(app.config.databasePath);
    other.sqlite.exec('BEGIN IMMEDIATE');
    const lockedDb = other;

    const pending = app.shopper().checkout(CONCERT, [{ tier: 'vip', quantity: 1 }]);
    setTimeout(() => {
      lockedDb.sqlite.exec('ROLLBACK');
    }, 50);
    const res = await pending;

    expect(res.status).toBe(201);
    expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({
      heldCounter: 1,
      inHoldRows: 1,
    });
  });
});
