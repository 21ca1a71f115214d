import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../lib/app-error.js';
import { createFakeClock } from '../test/fake-clock.js';
import { storeKinds, type TestDatabase } from '../test/store-kinds.js';
import { toNewConcert } from '../test/test-app.js';
import { seedIfEmpty } from './seed.js';
import type { Store } from './store.js';

const CONCERT = 'drop';

/** The session's hold on the concert, asked for from the test's one address. */
function ownedBy(sessionId: string) {
  return { sessionId, concertId: CONCERT, address: '127.0.0.1' };
}
const DAY_MS = 24 * 3600_000;

async function withConcert(store: Store, now: number, total: number): Promise<number> {
  await store.migrate();
  await store.write(async (tx) => {
    await tx.concerts.insert(
      toNewConcert({ id: CONCERT, tiers: [{ code: 'ga', total }] }, now + 30 * DAY_MS),
      now,
    );
  });
  const tier = (await store.concerts.find(CONCERT, now))?.tiers[0];
  if (!tier) throw new Error('the concert was not stored');
  return tier.id;
}

async function tierOf(store: Store, now: number) {
  const tier = (await store.concerts.find(CONCERT, now))?.tiers[0];
  return tier && { total: tier.total, sold: tier.sold, held: tier.held };
}

function refused(message: string): AppError {
  return new AppError('NOT_ENOUGH_TICKETS', message);
}

describe.each(storeKinds().map((kind) => [kind.name, kind] as const))(
  'the %s store',
  (_, { skip, database }) => {
    let db: TestDatabase | undefined;
    afterEach(async () => {
      await db?.remove();
      db = undefined;
    });
    async function fresh(): Promise<TestDatabase> {
      db = await database();
      return db;
    }
    const now = createFakeClock().now();

    it.skipIf(skip)('commits a write, which another store on the database then reads', async () => {
      const { open } = await fresh();
      const [a, b] = [open(), open()];
      const tierId = await withConcert(a, now, 5);

      const written = await a.write(async (tx) => {
        await tx.concerts.changeHeld(tierId, 2);
        return 'done';
      });

      expect(written).toBe('done');
      expect(await tierOf(b, now)).toEqual({ total: 5, sold: 0, held: 2 });
    });

    it.skipIf(skip)(
      'undoes a write that throws, and runs none of its after-commit work',
      async () => {
        const { open } = await fresh();
        const store = open();
        const tierId = await withConcert(store, now, 5);
        const done: string[] = [];

        const write = store.write(async (tx) => {
          await tx.concerts.changeHeld(tierId, 2);
          tx.afterCommit(() => done.push('held'));
          throw refused('no');
        });

        await expect(write).rejects.toMatchObject({ code: 'NOT_ENOUGH_TICKETS' });
        expect(done).toEqual([]);
        expect(await tierOf(store, now)).toEqual({ total: 5, sold: 0, held: 0 });
      },
    );

    it.skipIf(skip)(
      'undoes only what a savepoint that throws did, with its after-commit work',
      async () => {
        const { open } = await fresh();
        const store = open();
        const tierId = await withConcert(store, now, 5);
        const done: string[] = [];

        await store.write(async (tx) => {
          await tx.concerts.changeHeld(tierId, 1);
          tx.afterCommit(() => done.push('outer'));
          await tx
            .savepoint(async () => {
              await tx.concerts.changeHeld(tierId, 3);
              tx.afterCommit(() => done.push('inner'));
              throw refused('no');
            })
            .catch(() => undefined);
          await tx.savepoint(async () => {
            await tx.concerts.addSold(tierId, 1);
            tx.afterCommit(() => done.push('kept'));
          });
        });

        expect(done).toEqual(['outer', 'kept']);
        expect(await tierOf(store, now)).toEqual({ total: 5, sold: 1, held: 1 });
      },
    );

    it.skipIf(skip)('refuses to oversell a tier, whatever the code above it does', async () => {
      const { open } = await fresh();
      const store = open();
      const tierId = await withConcert(store, now, 5);
      await store.write((tx) => tx.concerts.addSold(tierId, 3));

      const oversell = store.write((tx) => tx.concerts.changeHeld(tierId, 3));

      await expect(oversell).rejects.toThrow(/check/i);
      expect(await tierOf(store, now)).toEqual({ total: 5, sold: 3, held: 0 });
    });

    it.skipIf(skip)(
      'migrates a new database once: a second migration applies nothing',
      async () => {
        const { open } = await fresh();
        const store = open();
        const before = await store.schemaVersion();

        const first = await store.migrate();
        const second = await open().migrate();

        expect(before).toBe(0);
        expect(first.at(-1)).toBe(store.latestSchemaVersion);
        expect(second).toEqual([]);
        expect(await store.schemaVersion()).toBe(store.latestSchemaVersion);
      },
    );

    it.skipIf(skip)('keeps one session signing secret, whichever store opens it', async () => {
      const { open } = await fresh();
      const [a, b] = [open(), open()];
      await Promise.all([a.migrate(), b.migrate()]);

      const secret = a.signingSecret();

      expect(secret).toHaveLength(32);
      expect(b.signingSecret().equals(secret)).toBe(true);
    });

    it.skipIf(skip)(
      'seeds an empty database once, when two stores start on it at once',
      async () => {
        const { open } = await fresh();
        const [a, b] = [open(), open()];
        await Promise.all([a.migrate(), b.migrate()]);

        const added = await Promise.all([seedIfEmpty(a, now), seedIfEmpty(b, now)]);

        expect(added.filter((n) => n > 0)).toHaveLength(1);
        expect(await a.concerts.count()).toBe(Math.max(...added));
      },
    );

    it.skipIf(skip)('closes once, however often it is asked to', async () => {
      const { open } = await fresh();
      const store = open();
      await store.migrate();

      await Promise.all([store.close(), store.close()]);

      await expect(store.close()).resolves.toBeUndefined();
    });

    it.skipIf(skip)(
      'runs a job alone and says it ran; one that throws rejects with its error and lets the next run',
      async () => {
        const { open } = await fresh();
        const store = open();
        await withConcert(store, now, 5);
        const versionBefore = (await store.concerts.availability(CONCERT, now))?.version ?? 0;
        const ran: string[] = [];

        const first = await store.runAlone('tidy', async () => {
          await store.write((tx) => tx.concerts.bumpVersion(CONCERT));
          ran.push('first');
        });
        const failed = store.runAlone('tidy', () => Promise.reject(new Error('disk full')));
        await expect(failed).rejects.toThrow('disk full');
        const next = await store.runAlone('tidy', () => {
          ran.push('next');
          return Promise.resolve();
        });

        expect([first, next]).toEqual([true, true]);
        expect(ran).toEqual(['first', 'next']);
        expect((await store.concerts.availability(CONCERT, now))?.version).toBe(versionBefore + 1);
      },
    );

    it.skipIf(skip)('tells a store of a change committed through another one', async () => {
      const { open } = await fresh();
      const [a, b] = [open(), open()];
      await withConcert(a, now, 5);
      await b.migrate();
      let calls = 0;
      const stop = b.changes.subscribe(() => {
        calls += 1;
      });
      const tick = () => new Promise((resolve) => setTimeout(resolve, 20));
      const write = () => a.write((tx) => tx.concerts.bumpVersion(CONCERT));

      // The feed may start listening in the background: writes until it hears, then once more.
      for (let tries = 0; calls === 0 && tries < 100; tries += 1) await write().then(tick);
      const before = calls;
      await write();
      for (let tries = 0; calls === before && tries < 100; tries += 1) await tick();
      stop();

      expect(calls).toBeGreaterThan(before);
    });

    describe('writes asked for in one turn', () => {
      const times = (at: number) => ({
        createdAt: at,
        deadlineAt: at + 600_000,
        lastActiveAt: at,
        lastSeenAt: at,
        hardCapAt: at + 900_000,
        leftAt: null,
      });

      /** One ticket held for `sessionId` if one is left, as a checkout does. */
      function holdOne(store: Store, tierId: number, sessionId: string): Promise<number> {
        return store.write(
          async (tx) => {
            const [tier] = await tx.concerts.tiersForUpdate(CONCERT);
            if (!tier || tier.total - tier.sold - tier.held < 1) throw refused('sold out');
            await tx.concerts.changeHeld(tierId, 1);
            await tx.sessions.ensure(sessionId, now);
            const holdId = await tx.holds.save(ownedBy(sessionId), times(now), now + 600_000);
            await tx.holds.replaceItems(holdId, [{ tierId, quantity: 1, unitPriceCents: 100 }]);
            await tx.concerts.bumpVersion(CONCERT);
            return holdId;
          },
          { touches: { concertId: CONCERT, sessionId } },
        );
      }

      it.skipIf(skip)(
        'each sees what the one before it did: 200 shoppers, 50 tickets, exactly 50 holds',
        async () => {
          const { open } = await fresh();
          const store = open();
          const tierId = await withConcert(store, now, 50);

          const outcomes = await Promise.allSettled(
            Array.from({ length: 200 }, (_, n) => holdOne(store, tierId, `shopper-${n}`)),
          );

          const granted = outcomes.flatMap((o, n) => (o.status === 'fulfilled' ? [n] : []));
          expect(granted).toHaveLength(50);
          expect(outcomes.filter((o) => o.status === 'rejected')).toEqual(
            Array(150).fill(expect.objectContaining({ reason: expect.any(AppError) })),
          );
          expect(await tierOf(store, now)).toEqual({ total: 50, sold: 0, held: 50 });
          const stored = await Promise.all(
            granted.map((n) => store.holds.find(`shopper-${n}`, CONCERT)),
          );
          expect(stored.map((hold) => hold?.items)).toEqual(
            Array(50).fill([expect.objectContaining({ tierId, quantity: 1, code: 'ga' })]),
          );
          expect(new Set(stored.map((hold) => hold?.id)).size).toBe(50);
        },
      );

      it.skipIf(skip)(
        'one that throws is undone alone, and those before and after it commit',
        async () => {
          const { open } = await fresh();
          const store = open();
          const tierId = await withConcert(store, now, 10);
          const undone: string[] = [];

          const outcomes = await Promise.allSettled([
            holdOne(store, tierId, 'first'),
            store.write(
              async (tx) => {
                await tx.concerts.changeHeld(tierId, 5);
                await tx.sessions.ensure('quitter', now);
                await tx.holds.save(ownedBy('quitter'), times(now), now + 600_000);
                tx.afterCommit(() => undone.push('quitter'));
                throw refused('changed its mind');
              },
              { touches: { concertId: CONCERT, sessionId: 'quitter' } },
            ),
            holdOne(store, tierId, 'last'),
          ]);

          expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
          expect(undone).toEqual([]);
          expect(await tierOf(store, now)).toEqual({ total: 10, sold: 0, held: 2 });
          expect(await store.holds.find('quitter', CONCERT)).toBeUndefined();
          expect(await store.holds.find('last', CONCERT)).toMatchObject({ sessionId: 'last' });
        },
      );

      it.skipIf(skip)(
        'a hold made, changed, given back and made again by successive writes ends as the last one left it',
        async () => {
          const { open } = await fresh();
          const store = open();
          const tierId = await withConcert(store, now, 10);
          const touches = { concertId: CONCERT, sessionId: 'shopper' };

          const [, , , again] = await Promise.all([
            holdOne(store, tierId, 'shopper'),
            store.write(
              async (tx) => {
                const hold = await tx.holds.find('shopper', CONCERT);
                if (!hold) throw new Error('the hold made just before is not seen');
                await tx.holds.updateTimes(hold.id, times(now + 1000), now + 601_000);
              },
              { touches },
            ),
            store.write(
              async (tx) => {
                const hold = await tx.holds.find('shopper', CONCERT);
                if (!hold) throw new Error('the hold changed just before is not seen');
                await tx.concerts.changeHeld(tierId, -1);
                await tx.holds.delete(hold);
              },
              { touches },
            ),
            holdOne(store, tierId, 'shopper'),
          ]);

          expect(await store.holds.find('shopper', CONCERT)).toMatchObject({
            id: again,
            expiresAt: now + 600_000,
            items: [{ tierId, quantity: 1 }],
          });
          expect(await tierOf(store, now)).toEqual({ total: 10, sold: 0, held: 1 });
        },
      );

      it.skipIf(skip)(
        'many that change rows directly, some of them undone, each commit or not as they ended',
        async () => {
          const { open } = await fresh();
          const store = open();
          const tierId = await withConcert(store, now, 100);
          const announced: number[] = [];

          // More than a transaction keeps savepoints for: some wait for the next one.
          const outcomes = await Promise.allSettled(
            Array.from({ length: 80 }, (_, n) =>
              store.write(async (tx) => {
                await tx.concerts.changeHeld(tierId, 1);
                await tx.holds.forgetRunOutUntil(now, 10);
                tx.afterCommit(() => announced.push(n));
                if (n % 3 === 0) throw refused(`write ${n} refused`);
              }),
            ),
          );

          const kept = outcomes.flatMap((o, n) => (o.status === 'fulfilled' ? [n] : []));
          expect(kept).toEqual(Array.from({ length: 80 }, (_, n) => n).filter((n) => n % 3 !== 0));
          expect(announced.sort((a, b) => a - b)).toEqual(kept);
          expect(await tierOf(store, now)).toEqual({ total: 100, sold: 0, held: kept.length });
        },
      );
    });
  },
);
