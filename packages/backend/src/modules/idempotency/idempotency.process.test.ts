import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../db/sqlite/store.js';
import { countRows, storedHolds, storedTier } from '../../test/inspect.js';
import { startServerProcess, type ServerProcess } from '../../test/server-process.js';
import { createShopper, GOOD_CARD, type ApiResponse } from '../../test/shopper.js';
import { createTestDatabase } from '../../test/test-app.js';

const CONCERT = 'shared-show';
const PARALLEL = 20;
const VIP_2 = [{ tier: 'vip', quantity: 2 }];

describe('one Idempotency-Key sent through two server processes on one database file', () => {
  let servers: ServerProcess[] = [];
  let removeDatabase: (() => Promise<void>) | undefined;

  afterEach(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await removeDatabase?.();
    servers = [];
    removeDatabase = undefined;
  });

  /** Two processes serving one fresh file, and one shopper's browser talking to both. */
  async function twoProcesses() {
    const database = await createTestDatabase(
      [{ id: CONCERT, tiers: [{ code: 'vip', total: 10 }] }],
      Date.now(),
    );
    // The processes open the file themselves; the test reads it afresh after they answered.
    await database.db.close();
    removeDatabase = database.remove;
    servers = await Promise.all([
      startServerProcess({ DATABASE_PATH: database.file }),
      startServerProcess({ DATABASE_PATH: database.file }),
    ]);
    const [a, b] = servers.map((server) => createShopper(server.url));
    if (!a || !b) throw new Error('two servers expected');
    // The session cookie is signed with the database's key, so both processes accept it.
    await a.concert(CONCERT);
    b.cookie = a.cookie;
    return { file: database.file, shoppers: [a, b] };
  }

  function inspect<T>(file: string, read: (db: SqliteStore) => T): T {
    const db = openSqliteStore(file);
    try {
      return read(db);
    } finally {
      void db.close();
    }
  }

  function expectOneAnswer(answers: ApiResponse[]): void {
    const fresh = answers.filter((res) => res.headers.get('Idempotent-Replayed') === null);
    expect(fresh).toHaveLength(1);
    for (const res of answers) {
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toEqual(fresh[0]?.body);
    }
  }

  it(`${PARALLEL} parallel payments, half through each process: identical answers, one booking, sold once`, async () => {
    const { file, shoppers } = await twoProcesses();
    expect((await shoppers[0]?.checkout(CONCERT, VIP_2))?.status).toBe(201);

    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        shoppers[i % 2]!.book(CONCERT, GOOD_CARD, { 'Idempotency-Key': 'pay-once' }),
      ),
    );

    expectOneAnswer(answers);
    inspect(file, (db) => {
      expect(countRows(db, 'bookings')).toBe(1);
      expect(storedTier(db, CONCERT, 'vip')).toEqual({
        total: 10,
        sold: 2,
        heldCounter: 0,
        inHoldRows: 0,
        inBookings: 2,
      });
      expect(countRows(db, 'idempotency_keys')).toBe(1);
    });
  });

  it(`${PARALLEL} parallel checkouts, half through each process: identical answers, held once`, async () => {
    const { file, shoppers } = await twoProcesses();

    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        shoppers[i % 2]!.checkout(CONCERT, VIP_2, { 'Idempotency-Key': 'enter-once' }),
      ),
    );

    expectOneAnswer(answers);
    inspect(file, (db) => {
      expect(storedHolds(db)).toHaveLength(1);
      expect(storedTier(db, CONCERT, 'vip')).toMatchObject({ heldCounter: 2, inHoldRows: 2 });
      // Each checkout that does the work moves the concert's version on by one.
      expect(
        db.sqlite
          .prepare<[string], number>('SELECT availability_version FROM concerts WHERE id = ?')
          .pluck()
          .get(CONCERT),
      ).toBe(1);
    });
  });
});
