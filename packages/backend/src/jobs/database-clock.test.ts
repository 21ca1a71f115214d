import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../observability/logger.js';
import { captureLogs } from '../test/log-capture.js';
import {
  CLOCK_READ_INTERVAL_MS,
  followDatabaseClock,
  type DatabaseClock,
  type DatabaseClockDeps,
} from './database-clock.js';

const DB_START = Date.UTC(2030, 0, 15, 12, 0, 0);

/**
 * A database server whose clock the test sets, reached over a network whose delay each way the
 * test chooses per reading; the host's monotonic and wall clocks are the test's too.
 */
function fakeWorld() {
  let monotonic = 1_000;
  let dbAhead = DB_START - monotonic;
  let hostAhead = DB_START - monotonic;
  const delays: { out: number; back: number }[] = [];
  let failing = false;
  const world = {
    /** The database's own time at this moment. */
    dbNow: () => monotonic + dbAhead,
    pass(ms: number) {
      monotonic += ms;
    },
    setDatabaseClock(epochMs: number) {
      dbAhead = epochMs - monotonic;
    },
    setHostClock(epochMs: number) {
      hostAhead = epochMs - monotonic;
    },
    /** The delays of the next readings, in order; 1 ms each way once they are used up. */
    delays(...next: { out: number; back: number }[]) {
      delays.push(...next);
    },
    fail(on: boolean) {
      failing = on;
    },
    deps(logs = captureLogs()): DatabaseClockDeps {
      return {
        logger: createLogger('info', logs.stream),
        monotonic: () => monotonic,
        hostTime: () => monotonic + hostAhead,
        databaseTime() {
          if (failing) return Promise.reject(new Error('connection refused'));
          const { out, back } = delays.shift() ?? { out: 1, back: 1 };
          monotonic += out;
          const at = world.dbNow();
          monotonic += back;
          return Promise.resolve(at);
        },
      };
    },
  };
  return world;
}

describe("the clock that follows the database's", () => {
  let clock: DatabaseClock | undefined;
  afterEach(() => {
    clock?.stop();
    vi.useRealTimers();
  });

  it("goes by the database's time, not the host's", async () => {
    const world = fakeWorld();
    world.setHostClock(DB_START + 3_600_000);

    clock = await followDatabaseClock(world.deps());

    expect(clock.now()).toBe(world.dbNow());
    world.pass(250);
    expect(clock.now()).toBe(world.dbNow());
  });

  it('of several readings, trusts the one whose round trip was quickest', async () => {
    const world = fakeWorld();
    world.delays({ out: 400, back: 0 }, { out: 0, back: 300 }, { out: 2, back: 2 });

    clock = await followDatabaseClock(world.deps());

    expect(clock.now()).toBe(world.dbNow());
  });

  it('is not moved when the host clock is set or stepped', async () => {
    const world = fakeWorld();
    clock = await followDatabaseClock(world.deps());

    world.setHostClock(DB_START - 86_400_000);
    world.pass(10);

    expect(clock.now()).toBe(world.dbNow());
  });

  it("reads the database's clock again every interval and follows it, never going back", async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const world = fakeWorld();
    clock = await followDatabaseClock(world.deps());
    const before = clock.now();

    world.setDatabaseClock(world.dbNow() - 50);
    await vi.advanceTimersByTimeAsync(CLOCK_READ_INTERVAL_MS);
    const afterStepBack = clock.now();
    const databaseAfterStepBack = world.dbNow();
    world.pass(20);
    const stillWaiting = clock.now();
    world.pass(40);

    expect(databaseAfterStepBack).toBeLessThan(before);
    expect([afterStepBack, stillWaiting]).toEqual([before, before]);
    expect(clock.now()).toBe(world.dbNow());
    world.setDatabaseClock(world.dbNow() + 7_000);
    await vi.advanceTimersByTimeAsync(CLOCK_READ_INTERVAL_MS);
    expect(clock.now()).toBe(world.dbNow());
  });

  it('when a reading fails, it goes on from the last one and says so', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const world = fakeWorld();
    const logs = captureLogs();
    clock = await followDatabaseClock(world.deps(logs));

    world.fail(true);
    await vi.advanceTimersByTimeAsync(CLOCK_READ_INTERVAL_MS);
    world.pass(1_500);

    expect(clock.now()).toBe(world.dbNow());
    expect(logs.lines()).toEqual([
      expect.objectContaining({
        level: 'warn',
        msg: 'Could not read the database clock; going by the last reading',
        err: expect.objectContaining({ message: 'connection refused' }),
      }),
    ]);
  });

  it("warns once when the host's clock is more than a second off the database's, and not within it", async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const world = fakeWorld();
    world.setHostClock(DB_START + 999);
    const logs = captureLogs();
    clock = await followDatabaseClock(world.deps(logs));
    expect(logs.lines()).toEqual([]);

    world.setHostClock(world.dbNow() - 90_000);
    await vi.advanceTimersByTimeAsync(2 * CLOCK_READ_INTERVAL_MS);

    expect(logs.lines()).toEqual([
      expect.objectContaining({
        level: 'warn',
        hostAheadMs: -90_000,
        msg: "This host's clock is -90000 ms off the database's: the server goes by the database's; the host's shows only in log times",
      }),
    ]);
  });
});
