import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  backendRoot,
  FROM_SOURCE,
  NO_ABUSE_LIMITS,
  spawnServer,
  startServerProcess,
} from '../test/server-process.js';
import { createShopper } from '../test/shopper.js';
import { stoppedAfterEach } from '../test/stopped-after-each.js';
import { postgresSkipped } from '../test/store-kinds.js';
import { createSharedTestDatabase } from '../test/test-app.js';

const CONCERT = 'late-show';
/** Further than a hold's hard cap: by its own clock, that host would see every hold run out. */
const SKEW_MS = 20 * 60_000;

describe.skipIf(postgresSkipped())('server instances whose hosts disagree on the time', () => {
  const started = stoppedAfterEach();

  it("agree on a hold's expiry, as both go by the database's clock; the host that is off says so", async () => {
    const database = started.database(
      await createSharedTestDatabase(
        [{ id: CONCERT, tiers: [{ code: 'ga', total: 10 }] }],
        'postgres',
      ),
    );
    const env = { ...database.env, ...NO_ABUSE_LIMITS };
    const onTime = started.server(await startServerProcess(env));
    const ahead = started.server(
      await spawnServer(
        [
          ...FROM_SOURCE,
          '--import',
          path.join(backendRoot, 'src/test/skewed-host-clock.ts'),
          path.join(backendRoot, 'src/main.ts'),
        ],
        { ...env, HOST_CLOCK_SKEW_MS: String(SKEW_MS) },
      ),
    );
    const shopper = createShopper(onTime.url);

    const held = await shopper.checkout(CONCERT, [{ tier: 'ga', quantity: 2 }]);
    const shopperThere = createShopper(ahead.url);
    shopperThere.cookie = shopper.cookie;
    const seenThere = await shopperThere.hold(CONCERT);
    const bought = await shopperThere.book(CONCERT);

    expect(held.status).toBe(201);
    expect(seenThere.status).toBe(200);
    expect(seenThere.body.hold.expiresAt).toBe(held.body.hold.expiresAt);
    expect(bought.status).toBe(201);
    const warning = /This host's clock is (-?\d+) ms off the database's/.exec(ahead.output());
    expect(Math.abs(Number(warning?.[1]) - SKEW_MS)).toBeLessThan(1000);
    expect(onTime.output()).not.toMatch(/This host's clock is/);
  });
});
