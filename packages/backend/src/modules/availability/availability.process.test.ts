import { afterEach, describe, expect, it } from 'vitest';
import { openAvailabilityStream, type StreamClient } from '../../test/availability-stream.js';
import {
  NO_ABUSE_LIMITS,
  startServerProcess,
  type ServerProcess,
} from '../../test/server-process.js';
import { createShopper } from '../../test/shopper.js';
import { postgresSkipped } from '../../test/store-kinds.js';
import { createSharedTestDatabase } from '../../test/test-app.js';

const CONCERT = 'shared-show';

describe.each([
  ['SQLite', 'sqlite', false],
  ['PostgreSQL', 'postgres', postgresSkipped()],
] as const)('the availability stream across server processes on %s', (_, store, skip) => {
  const servers: ServerProcess[] = [];
  const streams: StreamClient[] = [];
  let removeDatabase: (() => Promise<void>) | undefined;

  afterEach(async () => {
    for (const stream of streams.splice(0)) stream.close();
    await Promise.all(servers.splice(0).map((server) => server.stop()));
    await removeDatabase?.();
  });

  async function freshDatabase() {
    const database = await createSharedTestDatabase(
      [{ id: CONCERT, tiers: [{ code: 'ga', total: 40 }] }],
      store,
    );
    removeDatabase = database.remove;
    return database.env;
  }

  async function serve(env: Record<string, string>) {
    const server = await startServerProcess({ ...env, ...NO_ABUSE_LIMITS });
    servers.push(server);
    return server;
  }

  async function watch(server: ServerProcess) {
    const stream = await openAvailabilityStream(server.url, CONCERT);
    streams.push(stream);
    return stream;
  }

  it.skipIf(skip)(
    'a watcher on one process sees a checkout made through another process on the same database',
    async () => {
      const env = await freshDatabase();
      const [a, b] = await Promise.all([serve(env), serve(env)]);
      const stream = await watch(a);
      await stream.waitFor(() => true);

      const res = await createShopper(b.url).checkout(CONCERT, [{ tier: 'ga', quantity: 4 }]);

      expect(res.status).toBe(201);
      const seen = await stream.waitFor((e) => e.tiers[0]?.held === 4);
      expect(seen.tiers[0]).toEqual({ code: 'ga', total: 40, sold: 0, held: 4, available: 36 });
    },
  );
});
