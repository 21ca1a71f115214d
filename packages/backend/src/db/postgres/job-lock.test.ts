import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createPostgresTestDatabase,
  type PostgresTestDatabase,
} from '../../test/postgres-test-db.js';
import { postgresSkipped } from '../../test/store-kinds.js';
import { openPostgresStore, type PostgresStore } from './store.js';

/** A job that runs until the test lets it finish, and tells when it has begun. */
function heldJob() {
  let finish!: () => void;
  let begun!: () => void;
  const started = new Promise<void>((resolve) => {
    begun = resolve;
  });
  const job = () =>
    new Promise<void>((resolve) => {
      finish = resolve;
      begun();
    });
  return {
    job,
    started,
    finish() {
      finish();
    },
  };
}

describe.skipIf(postgresSkipped())('jobs run alone across instances on PostgreSQL', () => {
  let database: PostgresTestDatabase;
  const stores: PostgresStore[] = [];
  beforeAll(async () => {
    database = await createPostgresTestDatabase(inject('postgresUrl') ?? '');
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });
  afterAll(() => database.drop());

  /** Stores on the one database, as server instances each open their own. */
  function instances(count: number): PostgresStore[] {
    const opened = Array.from({ length: count }, () => openPostgresStore(database.url));
    stores.push(...opened);
    return opened;
  }

  it('while one instance runs a job, the others skip it at once; once it is done, the next runs it', async () => {
    const [a, b, c] = instances(3);
    const held = heldJob();
    const running = a!.runAlone('cleanup', held.job);
    await held.started;
    const skipped: string[] = [];

    const others = await Promise.all(
      [b!, c!].map((store) =>
        store.runAlone('cleanup', () => {
          skipped.push('ran anyway');
          return Promise.resolve();
        }),
      ),
    );
    held.finish();

    expect(others).toEqual([false, false]);
    expect(skipped).toEqual([]);
    expect(await running).toBe(true);
    let ranAfter = false;
    const after = await b!.runAlone('cleanup', () => {
      ranAfter = true;
      return Promise.resolve();
    });
    expect([after, ranAfter]).toEqual([true, true]);
  });

  it('of jobs started at once by several instances, exactly one runs; the others skip it', async () => {
    const several = instances(4);
    const held = heldJob();
    let runs = 0;
    const outcomes: boolean[] = [];
    let othersDone!: () => void;
    const whenOthersDone = new Promise<void>((resolve) => {
      othersDone = resolve;
    });

    const rounds = several.map((store) =>
      store.runAlone('cleanup', () => {
        runs += 1;
        return held.job();
      }),
    );
    for (const round of rounds) {
      void round.then((ran) => {
        outcomes.push(ran);
        if (outcomes.length === several.length - 1) othersDone();
      });
    }
    await held.started;
    await whenOthersDone;
    held.finish();
    await Promise.all(rounds);

    expect(outcomes).toEqual([false, false, false, true]);
    expect(runs).toBe(1);
  });

  it('jobs of different names do not keep each other waiting', async () => {
    const [a, b] = instances(2);
    const held = heldJob();
    const running = a!.runAlone('cleanup', held.job);
    await held.started;

    const other = await b!.runAlone('report', () => Promise.resolve());
    held.finish();

    expect(other).toBe(true);
    expect(await running).toBe(true);
  });

  it('when the running instance loses its connection, the lock goes with it and another may run the job', async () => {
    const [a, b] = instances(2);
    const held = heldJob();
    const running = a!.runAlone('cleanup', held.job);
    await held.started;

    const cut = await b!.pool.query<{ cut: boolean }>(
      `SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'ticket-booking job'`,
    );
    const after = await b!.runAlone('cleanup', () => Promise.resolve());
    held.finish();

    expect(cut.rows).toEqual([{ cut: true }]);
    expect(after).toBe(true);
    expect(await running).toBe(true);
  });
});
