import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { startServerProcess } from '../test/server-process.js';
import { stoppedAfterEach } from '../test/stopped-after-each.js';
import { createTestDatabase } from '../test/test-app.js';

const CONCERT = 'log-night';
const REQUESTS = 400;

describe("the server's log on stdout", () => {
  const started = stoppedAfterEach();

  it('has every request of a burst on a whole line of its own, and its last line when it exits', async () => {
    const database = started.database(
      await createTestDatabase([{ id: CONCERT, tiers: [{ code: 'ga', total: 5 }] }], Date.now()),
    );
    await database.db.close();
    const server = started.server(await startServerProcess({ DATABASE_PATH: database.file }));
    const closed = once(server.child, 'close');
    const sent = Array.from({ length: REQUESTS }, (_, index) => `burst-${String(index)}`);

    const statuses = await Promise.all(
      sent.map(async (id) => {
        const res = await fetch(`${server.url}/api/concerts/${CONCERT}`, {
          headers: { 'x-request-id': id },
        });
        await res.arrayBuffer();
        return res.status;
      }),
    );
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    await closed;

    expect(new Set(statuses)).toEqual(new Set([200]));
    const lines = server.output().trimEnd().split('\n');
    const entries = lines.map((line) => JSON.parse(line) as { msg: string; reqId?: string });
    const logged = entries
      .filter((entry) => entry.msg === 'request completed')
      .map((entry) => entry.reqId);
    expect(logged.sort()).toEqual([...sent].sort());
    expect(entries.at(-1)?.msg).toBe('Stopped');
  });
});
