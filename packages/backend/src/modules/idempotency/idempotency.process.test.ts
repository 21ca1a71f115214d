import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../db/store.js';
import { countRows, storedTier } from '../../test/inspect.js';
import { startServerProcess, type ServerProcess } from '../../test/server-process.js';
import { createShopper, GOOD_CARD, type ApiResponse } from '../../test/shopper.js';
import { postgresSkipped } from '../../test/store-kinds.js';
import { createSharedTestDatabase } from '../../test/test-app.js';

const CONCERT = 'shared-show';
const PARALLEL = 20;
const VIP_2 = [{ tier: 'vip', quantity: 2 }];

describe.each([
  ['one database file', 'sqlite', false],
  ['one PostgreSQL database', 'postgres', postgresSkipped()],
] as const)('one Idempotency-Key sent through two server processes on %s', (_, store, skip) => {
  let servers: ServerProcess[] = [];
  let removeDatabase: (() => Promise<void>) | undefined;

  afterEach(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await removeDatabase?.();
    servers = [];
    removeDatabase = undefined;
  });

  /** Two processes serving one fresh database, and one shopper's browser talking to both. */
  async function twoProcesses(): Promise<{
    db: Store;
    shoppers: ReturnType<typeof createShopper>[];
  }> {
    const database = await createSharedTestDatabase(
      [{ id: CONCERT, tiers: [{ code: 'vip', total: 10 }] }],
      store,
    );
    removeDatabase = database.remove;
    servers = await Promise.all([
      startServerProcess(database.env),
      startServerProcess(database.env),
    ]);
    const [a, b] = servers.map((server) => createShopper(server.url));
    if (!a || !b) throw new Error('two servers expected');
    // The session cookie is signed with the database's key, so both processes accept it.
    await a.concert(CONCERT);
    b.cookie = a.cookie;
    return { db: database.db, shoppers: [a, b] };
  }

  function expectOneAnswer(answers: ApiResponse[]): void {
    const fresh = answers.filter((res) => res.headers.get('Idempotent-Replayed') === null);
    expect(fresh).toHaveLength(1);
    for (const res of answers) {
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toEqual(fresh[0]?.body);
    }
  }

  it.skipIf(skip)(
    `${PARALLEL} parallel payments, half through each process: identical answers, one booking, sold once`,
    async () => {
      const { db, shoppers } = await twoProcesses();
      expect((await shoppers[0]?.checkout(CONCERT, VIP_2))?.status).toBe(201);

      const answers = await Promise.all(
        Array.from({ length: PARALLEL }, (_, i) =>
          shoppers[i % 2]!.book(CONCERT, GOOD_CARD, { 'Idempotency-Key': 'pay-once' }),
        ),
      );

      expectOneAnswer(answers);
      expect(await countRows(db, 'bookings')).toBe(1);
      expect(await storedTier(db, CONCERT, 'vip')).toEqual({
        total: 10,
        sold: 2,
        heldCounter: 0,
        inHoldRows: 0,
        inBookings: 2,
      });
      expect(await countRows(db, 'idempotency_keys')).toBe(1);
    },
  );

  it.skipIf(skip)(
    `${PARALLEL} parallel checkouts, half through each process: identical answers, held once`,
    async () => {
      const { db, shoppers } = await twoProcesses();

      const answers = await Promise.all(
        Array.from({ length: PARALLEL }, (_, i) =>
          shoppers[i % 2]!.checkout(CONCERT, VIP_2, { 'Idempotency-Key': 'enter-once' }),
        ),
      );

      expectOneAnswer(answers);
      expect(await countRows(db, 'holds')).toBe(1);
      expect(await storedTier(db, CONCERT, 'vip')).toMatchObject({
        heldCounter: 2,
        inHoldRows: 2,
      });
      expect(await countRows(db, 'idempotency_keys')).toBe(1);
      // Each checkout that does the work moves the concert's version on by one.
      expect((await db.concerts.availability(CONCERT, Date.now()))?.version).toBe(1);
    },
  );
});
