import { describe, expect, it } from 'vitest';
import { start } from '../../start.js';
import { openAvailabilityStream } from '../../test/availability-stream.js';
import { createShopper } from '../../test/shopper.js';
import { stoppedAfterEach } from '../../test/stopped-after-each.js';
import { createTestDatabase } from '../../test/test-app.js';
import { NO_ABUSE_LIMITS_CONFIG, testConfig } from '../../test/test-config.js';

const CONCERT = 'shared-show';

describe('the availability stream across a restart', () => {
  const started = stoppedAfterEach();

  async function serve(file: string) {
    return started.running(
      await start(testConfig({ databasePath: file, abuseLimits: NO_ABUSE_LIMITS_CONFIG })),
    );
  }

  it('versions keep growing across a restart of the server', async () => {
    const { file } = started.database(
      await createTestDatabase([{ id: CONCERT, tiers: [{ code: 'ga', total: 40 }] }], Date.now()),
    );
    const before = await serve(file);
    const first = await openAvailabilityStream(before.url, CONCERT);
    await first.waitFor(() => true);
    await createShopper(before.url).checkout(CONCERT, [{ tier: 'ga', quantity: 1 }]);
    const last = await first.waitFor((e) => e.tiers[0]?.held === 1);
    first.close();
    await before.stop();

    const after = await serve(file);
    // Left open: stopping the server ends it.
    const second = await openAvailabilityStream(after.url, CONCERT);
    const resumed = await second.waitFor(() => true);
    await createShopper(after.url).checkout(CONCERT, [{ tier: 'ga', quantity: 1 }]);
    const next = await second.waitFor((e) => e.tiers[0]?.held === 2);

    expect(resumed.version).toBe(last.version);
    expect(next.version).toBeGreaterThan(last.version);
  });
});
