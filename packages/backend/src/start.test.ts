import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Config } from './config/config.js';
import { openSqliteStore } from './db/sqlite/store.js';
import { createLogger, type Logger } from './observability/logger.js';
import { start } from './start.js';
import { startPost } from './test/half-sent-post.js';
import { countRows, storedHolds, storedTier } from './test/inspect.js';
import { captureLogs } from './test/log-capture.js';
import { stoppedAfterEach } from './test/stopped-after-each.js';
import { createTestDatabase } from './test/test-app.js';
import { testConfig } from './test/test-config.js';

const CONCERT = 'closing-night';

describe('the server, started and stopped in this process', () => {
  const started = stoppedAfterEach();

  /** A new database file that no connection of the test keeps open, and a server on it. */
  async function serveFreshDatabase(config: Partial<Config> = {}, logger?: Logger) {
    const database = started.database(
      await createTestDatabase([{ id: CONCERT, tiers: [{ code: 'ga', total: 20 }] }], Date.now()),
    );
    await database.db.close();
    const server = started.running(
      await start(testConfig({ databasePath: database.file, ...config }), logger),
    );
    return { server, file: database.file };
  }

  it('on a new database, migrates and seeds the demo concerts so the first run has something to show', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tickets-start-'));
    started.database({
      remove() {
        fs.rmSync(dir, { recursive: true, force: true });
        return Promise.resolve();
      },
    });
    const server = started.running(
      await start(testConfig({ databasePath: path.join(dir, 'new.db') })),
    );

    const res = await fetch(`${server.url}/api/concerts`);
    const body = (await res.json()) as { concerts: unknown[] };

    expect(res.status).toBe(200);
    expect(body.concerts.length).toBeGreaterThanOrEqual(4);
  });

  it('a checkout still being sent when it is stopped gets its full answer and is stored, while new connections are refused', async () => {
    const { server, file } = await serveFreshDatabase();
    const post = await startPost(server.url, '/api/holds/checkout', {
      concertId: CONCERT,
      items: [{ tier: 'ga', quantity: 3 }],
    });

    const stopped = server.stop();
    const newcomer = fetch(`${server.url}/api/concerts`);
    await expect(newcomer).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
    post.sendTheRest();
    const res = await post.response;
    await stopped;

    expect(res.status).toBe(201);
    expect(res.headers.connection).toBe('close');
    expect(JSON.parse(res.body)).toMatchObject({
      hold: { concertId: CONCERT, items: [{ tier: 'ga', quantity: 3 }] },
    });
    const reopened = openSqliteStore(file);
    expect((await storedHolds(reopened)).map((hold) => hold.items)).toEqual([
      [{ tier: 'ga', quantity: 3 }],
    ]);
    expect(await storedTier(reopened, CONCERT, 'ga')).toMatchObject({
      heldCounter: 3,
      inHoldRows: 3,
    });
    await reopened.close();
  });

  it('a request that never finishes is cut after the shutdown timeout, said in a warning, and stopping still succeeds', async () => {
    const logs = captureLogs();
    const { server, file } = await serveFreshDatabase(
      { shutdownTimeoutMs: 500 },
      createLogger('warn', logs.stream),
    );
    const post = await startPost(server.url, '/api/holds/checkout', {
      concertId: CONCERT,
      items: [{ tier: 'ga', quantity: 3 }],
    });

    const stopped = server.stop();

    await expect(post.response).rejects.toMatchObject({ code: 'ECONNRESET' });
    await expect(stopped).resolves.toBeUndefined();
    expect(logs.lines()).toEqual([
      expect.objectContaining({
        level: 'warn',
        msg: 'Cut 1 request(s) still running after 500 ms',
      }),
    ]);
    const reopened = openSqliteStore(file);
    expect(await countRows(reopened, 'holds')).toBe(0);
    await reopened.close();
  });

  it('with a REDIS_URL where nothing answers, it starts, lets writes through unchecked, says so once, and stops', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as net.AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const logs = captureLogs();
    const { server, file } = await serveFreshDatabase(
      {
        redis: { url: `redis://127.0.0.1:${port}`, keyPrefix: 'tickets:' },
        abuseLimits: {
          sessionWritesPerMinute: 1,
          ipWritesPerMinute: 1,
          streamsPerIp: 1,
          // Kept in the database, not in Redis: not what this test is about.
          ticketsHeldPerAddress: 0,
          ticketsHeldPerSharedAddress: 0,
          sharedAddresses: [],
          hardCapCooldownMs: 0,
        },
      },
      createLogger('warn', logs.stream),
    );

    const answers = [];
    for (let i = 0; i < 3; i += 1) {
      answers.push(
        await fetch(`${server.url}/api/holds/checkout`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ concertId: CONCERT, items: [{ tier: 'ga', quantity: 1 }] }),
        }),
      );
    }
    await server.stop();

    expect(answers.map((res) => res.status)).toEqual([201, 201, 201]);
    expect(logs.lines()).toEqual([
      expect.objectContaining({
        level: 'warn',
        msg: `Redis does not answer at redis://127.0.0.1:${port}: the limits let requests through unchecked until it does`,
      }),
    ]);
    const reopened = openSqliteStore(file);
    expect(await countRows(reopened, 'holds')).toBe(3);
    await reopened.close();
  });
});
