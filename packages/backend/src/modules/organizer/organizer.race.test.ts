import { describe, expect, it } from 'vitest';
import type { Store } from '../../db/store.js';
import { countRows, storedTier } from '../../test/inspect.js';
import { NO_ABUSE_LIMITS, startServerProcess } from '../../test/server-process.js';
import { createShopper, type ApiResponse } from '../../test/shopper.js';
import { stoppedAfterEach } from '../../test/stopped-after-each.js';
import { createSharedTestDatabase, startTestApp } from '../../test/test-app.js';
import { NO_ABUSE_LIMITS_CONFIG } from '../../test/test-config.js';

const TOKEN = 'organizer-token-0123456789-abcdefghij';
const CONCERT = 'drop';
const CAPACITY = 100;
const SHOPPERS = 50;
const PER_SHOPPER = 2;
/** Room for 30 of the 50 shoppers: the cut lands in the middle of the rush. */
const REDUCED = 60;

function reduceCapacity(url: string): Promise<ApiResponse> {
  return createShopper(url).request(
    'PATCH',
    `/api/concerts/${CONCERT}/tiers/ga`,
    { capacity: REDUCED },
    { headers: { authorization: `Bearer ${TOKEN}` } },
  );
}

/** 50 new browsers checking out 2 tickets each, with the capacity cut sent `patchAt` into them. */
async function race(urls: string[], patchAt: number) {
  const checkouts = Array.from(
    { length: SHOPPERS },
    (_, i) => () =>
      createShopper(urls[i % urls.length] ?? '').checkout(CONCERT, [
        { tier: 'ga', quantity: PER_SHOPPER },
      ]),
  );
  const patch = () => reduceCapacity(urls[0] ?? '');
  const requests = [...checkouts.slice(0, patchAt), patch, ...checkouts.slice(patchAt)];
  const responses = await Promise.all(requests.map((send) => send()));
  const [patched] = responses.splice(patchAt, 1);
  if (!patched) throw new Error('the capacity cut got no answer');
  const held = responses;
  return {
    patched,
    held,
    granted: held.filter((r) => r.status === 201).length,
  };
}

/**
 * Whichever order the writes took, the stock adds up: the cut either came while at most 30
 * shoppers held tickets (it wins, and exactly 30 hold), or after (it is refused, with the numbers
 * it lost to, and all 50 hold). Nothing else is possible and nothing is oversold.
 */
async function expectOneSideLostCleanly(
  db: Store,
  outcome: Awaited<ReturnType<typeof race>>,
): Promise<void> {
  const { patched, held, granted } = outcome;
  expect([patched, ...held].filter((r) => r.status >= 500)).toEqual([]);
  const tier = await storedTier(db, CONCERT, 'ga');
  expect(tier.sold + tier.heldCounter).toBeLessThanOrEqual(tier.total);
  expect(tier.heldCounter).toBe(tier.inHoldRows);
  expect(tier.heldCounter).toBe(granted * PER_SHOPPER);
  expect(await countRows(db, 'holds')).toBe(granted);
  if (patched.status === 200) {
    expect(tier.total).toBe(REDUCED);
    expect(granted).toBe(REDUCED / PER_SHOPPER);
    const refusals = held
      .filter((r) => r.status !== 201)
      .map((r): [number, unknown] => [r.status, r.body.error.code]);
    expect(refusals).toEqual(Array(SHOPPERS - granted).fill([409, 'NOT_ENOUGH_TICKETS']));
  } else {
    expect(patched.status).toBe(409);
    const [details, ...more] = patched.body.error.details;
    expect(patched.body.error.code).toBe('CAPACITY_BELOW_COMMITTED');
    expect(more).toEqual([]);
    expect(details.tier).toBe('ga');
    expect(details.requested).toBe(REDUCED);
    expect(details.sold).toBe(0);
    expect(details.minimum).toBe(details.held);
    expect(details.minimum).toBeGreaterThan(REDUCED);
    expect(tier.total).toBe(CAPACITY);
    expect(granted).toBe(SHOPPERS);
  }
}

describe('a capacity cut racing a rush of checkouts for the same tier', () => {
  const started = stoppedAfterEach();

  it.each([0, SHOPPERS / 2, SHOPPERS])(
    'with the cut sent after %i of 50 parallel checkouts, either the cut or the late checkouts lose, and nothing is oversold',
    async (patchAt) => {
      const app = started.app(
        await startTestApp({
          concerts: [{ id: CONCERT, tiers: [{ code: 'ga', total: CAPACITY }] }],
          config: { adminToken: TOKEN, abuseLimits: NO_ABUSE_LIMITS_CONFIG },
        }),
      );

      const outcome = await race([app.url], patchAt);

      await expectOneSideLostCleanly(app.db, outcome);
    },
  );

  it('the same race against two server processes sharing one database', async () => {
    const database = started.database(
      await createSharedTestDatabase([{ id: CONCERT, tiers: [{ code: 'ga', total: CAPACITY }] }]),
    );
    const env = { ...database.env, ADMIN_TOKEN: TOKEN, ...NO_ABUSE_LIMITS };
    const servers = started.servers(
      await Promise.all([startServerProcess(env), startServerProcess(env)]),
    );

    const outcome = await race(
      servers.map((server) => server.url),
      SHOPPERS / 2,
    );

    await expectOneSideLostCleanly(database.db, outcome);
  });
});
