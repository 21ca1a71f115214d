import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createServices } from '../app.js';
import { openPostgresStore } from '../db/postgres/store.js';
import { openSqliteStore, type SqliteStore } from '../db/sqlite/store.js';
import type { Store } from '../db/store.js';
import { checkout } from '../modules/holds/index.js';
import { IDEMPOTENCY_WINDOW_MS } from '../modules/idempotency/idempotency.service.js';
import { createLogger } from '../observability/logger.js';
import { createFakeClock } from '../test/fake-clock.js';
import { countRows, storedTier } from '../test/inspect.js';
import { alone } from '../test/shopper.js';
import { captureLogs } from '../test/log-capture.js';
import { stoppedAfterEach } from '../test/stopped-after-each.js';
import { postgresSkipped } from '../test/store-kinds.js';
import { testConfig } from '../test/test-config.js';
import { createPostgresTestStore, startTestApp, type TestApp } from '../test/test-app.js';
import {
  cleanUp,
  EXPIRY_BATCH,
  startHoldExpiryJob,
  type CleanupDeps,
  type HoldExpiryJob,
} from './hold-expiry.js';

const CONCERT = 'test-concert';

/** Only the job's interval is faked: its writes commit on the real event loop. */
function fakeTheInterval(): void {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
}

function storedKeys(app: TestApp<SqliteStore>): string[] {
  return app.db.sqlite
    .prepare<[], string>('SELECT key FROM idempotency_keys ORDER BY key')
    .pluck()
    .all();
}

describe('the hold cleanup job', () => {
  let app: TestApp<SqliteStore>;
  let job: HoldExpiryJob | undefined;
  beforeEach(async () => {
    app = await startTestApp({ store: 'sqlite' });
  });
  afterEach(async () => {
    await job?.stop();
    vi.useRealTimers();
    await app.close();
  });

  it('every interval, deletes the holds that ran out and gives their tickets back to the counters', async () => {
    await app.shopper().checkout(CONCERT, [{ tier: 'vip', quantity: 4 }]);
    app.clock.advance(90_000);
    fakeTheInterval();
    job = startHoldExpiryJob(app.services, 10_000, app.services.logger);

    await vi.advanceTimersByTimeAsync(9_999);
    expect(await countRows(app.db, 'holds')).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await job.settled();

    expect(await countRows(app.db, 'holds')).toBe(0);
    expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({
      heldCounter: 0,
      inHoldRows: 0,
    });
  });

  it('forgets idempotency keys once their 24 hours are over, and keeps younger ones', async () => {
    const shopper = app.shopper();
    await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 1 }], { 'Idempotency-Key': 'old' });
    app.clock.advance(60_000);
    await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 2 }], { 'Idempotency-Key': 'new' });
    app.clock.advance(IDEMPOTENCY_WINDOW_MS - 60_000 - 1);
    fakeTheInterval();
    job = startHoldExpiryJob(app.services, 10_000, app.services.logger);

    await vi.advanceTimersByTimeAsync(10_000);
    await job.settled();
    expect(storedKeys(app)).toEqual(['new', 'old']);
    app.clock.advance(1);
    await vi.advanceTimersByTimeAsync(10_000);
    await job.settled();

    expect(storedKeys(app)).toEqual(['new']);
  });

  it('forgets every key past its day in one run, however many there are', async () => {
    const stored = { sessionId: 's', endpoint: 'POST /api/bookings', fingerprint: 'f' };
    await app.db.write(async (tx) => {
      for (let i = 0; i < 1_234; i += 1) {
        await tx.idempotency.save({
          ...stored,
          key: `k${i}`,
          status: 201,
          body: {},
          createdAt: app.clock.now(),
        });
      }
    });
    app.clock.advance(IDEMPOTENCY_WINDOW_MS);
    fakeTheInterval();
    job = startHoldExpiryJob(app.services, 10_000, app.services.logger);

    await vi.advanceTimersByTimeAsync(10_000);
    await job.settled();

    expect(await countRows(app.db, 'idempotency_keys')).toBe(0);
  });

  it('once stopped, it no longer runs', async () => {
    await app.shopper().checkout(CONCERT, [{ tier: 'vip', quantity: 4 }]);
    app.clock.advance(90_000);
    fakeTheInterval();
    job = startHoldExpiryJob(app.services, 10_000, app.services.logger);

    await job.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    await job.settled();

    expect(await countRows(app.db, 'holds')).toBe(1);
  });

  it('stopped while a sweep waits for a busy database, it resolves only once that sweep is done', async () => {
    await app.shopper().checkout(CONCERT, [{ tier: 'vip', quantity: 4 }]);
    app.clock.advance(90_000);
    const otherProcess = openSqliteStore(app.config.databasePath);
    otherProcess.sqlite.exec('BEGIN IMMEDIATE');
    fakeTheInterval();
    job = startHoldExpiryJob(app.services, 10_000, app.services.logger);
    await vi.advanceTimersByTimeAsync(10_000);

    const stopped = job.stop();
    otherProcess.sqlite.exec('ROLLBACK');
    await otherProcess.close();
    await stopped;

    expect(await countRows(app.db, 'holds')).toBe(0);
    expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({
      heldCounter: 0,
      inHoldRows: 0,
    });
  });

  it('when a sweep fails, it logs the error with its stack and sweeps again at the next interval', async () => {
    await app.shopper().checkout(CONCERT, [{ tier: 'vip', quantity: 4 }]);
    app.clock.advance(90_000);
    const logs = captureLogs();
    let failures = 1;
    const { store } = app.services;
    const flaky = {
      ...app.services,
      store: {
        ...store,
        holds: {
          ...store.holds,
          concertsWithExpiredHolds(now: number) {
            if (failures-- > 0) return Promise.reject(new Error('disk I/O error'));
            return store.holds.concertsWithExpiredHolds(now);
          },
        },
      },
    };
    fakeTheInterval();
    job = startHoldExpiryJob(flaky, 10_000, createLogger('info', logs.stream));

    await vi.advanceTimersByTimeAsync(10_000);
    await job.settled();
    expect(await countRows(app.db, 'holds')).toBe(1);
    await vi.advanceTimersByTimeAsync(10_000);
    await job.settled();

    expect(await countRows(app.db, 'holds')).toBe(0);
    expect(logs.lines()).toEqual([
      expect.objectContaining({
        level: 'error',
        msg: 'Hold cleanup failed; will retry',
        err: expect.objectContaining({
          message: 'disk I/O error',
          stack: expect.stringContaining('hold-expiry.test.ts'),
        }),
      }),
    ]);
  });
});

describe.skipIf(postgresSkipped())(
  'the hold cleanup job of several instances on PostgreSQL',
  () => {
    const started = stoppedAfterEach();
    const HOLDS = EXPIRY_BATCH + 20;

    it('runs in one instance at a time: the others skip the round, and what it released is announced once per batch', async () => {
      const clock = createFakeClock();
      const database = started.database(
        await createPostgresTestStore(
          [{ id: CONCERT, tiers: [{ code: 'ga', total: HOLDS }] }],
          clock.now(),
        ),
      );
      const shop = createServices({
        config: testConfig({ databaseUrl: database.url }),
        store: database.db,
        clock,
      });
      // As many at once as the pool has connections, so none waits long enough to be refused.
      for (let first = 0; first < HOLDS; first += 10) {
        await Promise.all(
          Array.from({ length: Math.min(10, HOLDS - first) }, (_, i) =>
            checkout(shop, alone(`shopper-${first + i}`), {
              concertId: CONCERT,
              items: [{ tier: 'ga', quantity: 1 }],
            }),
          ),
        );
      }
      const versionBefore = (await database.db.concerts.availability(CONCERT, clock.now()))
        ?.version;
      clock.advance(testConfig().holdPolicy.hardCapMs);
      let reachGate!: () => void;
      const gateReached = new Promise<void>((resolve) => {
        reachGate = resolve;
      });
      let openGate!: () => void;
      const gate = new Promise<void>((resolve) => {
        openGate = resolve;
      });
      const announced: string[][] = [];
      const expired: number[] = [];
      const instances: CleanupDeps[] = [0, 1, 2].map((i) => {
        const store = started.database(openPostgresStoreOn(database.url));
        announced[i] = [];
        expired[i] = 0;
        return {
          store: {
            ...store,
            holds: {
              ...store.holds,
              // Whichever instance runs the round waits here, holding the job's lock.
              async concertsWithExpiredHolds(now: number) {
                reachGate();
                await gate;
                return store.holds.concertsWithExpiredHolds(now);
              },
            },
          },
          clock,
          publicUrl: 'http://localhost:5173',
          changes: {
            concertChanged: (concertId) => announced[i]!.push(concertId),
            written: () => Promise.resolve(),
          },
          metrics: {
            holdsExpired: (count) => {
              expired[i]! += count;
            },
          },
        };
      });
      const outcomes: boolean[] = [];
      let othersDone!: () => void;
      const whenOthersDone = new Promise<void>((resolve) => {
        othersDone = resolve;
      });

      const rounds = instances.map((deps) => cleanUp(deps));
      for (const round of rounds) {
        void round.then((ran) => {
          outcomes.push(ran);
          if (outcomes.length === instances.length - 1) othersDone();
        });
      }
      await gateReached;
      await whenOthersDone;
      openGate();
      const ran = await Promise.all(rounds);

      expect(outcomes).toEqual([false, false, true]);
      const runner = ran.indexOf(true);
      expect(announced[runner]).toEqual([CONCERT, CONCERT]);
      expect(announced.flat()).toHaveLength(2);
      expect(expired[runner]).toBe(HOLDS);
      expect(expired.reduce((sum, count) => sum + count, 0)).toBe(HOLDS);
      expect(await storedTier(database.db, CONCERT, 'ga')).toMatchObject({
        heldCounter: 0,
        inHoldRows: 0,
      });
      expect(await countRows(database.db, 'holds')).toBe(0);
      expect(await countRows(database.db, 'expired_holds')).toBe(HOLDS);
      expect((await database.db.concerts.availability(CONCERT, clock.now()))?.version).toBe(
        (versionBefore ?? 0) + 2,
      );
    });
  },
);

/** Another instance's store on the database, closed after the test. */
function openPostgresStoreOn(url: string): Store & { remove(): Promise<void> } {
  const store = openPostgresStore(url);
  return Object.assign(store, { remove: () => store.close() });
}
