import fs from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { openSqliteStore } from './db/sqlite/store.js';
import { freePort } from './test/free-port.js';
import { startPost } from './test/half-sent-post.js';
import { storedTier } from './test/inspect.js';
import { startServerProcess } from './test/server-process.js';
import { stoppedAfterEach } from './test/stopped-after-each.js';
import { postgresSkipped } from './test/store-kinds.js';
import { createShopper } from './test/shopper.js';
import { createTestDatabase } from './test/test-app.js';

const CONCERT = 'closing-night';
const SHUTTING_DOWN = /shutting down/;

/** An availability stream read as raw text; `ended` rejects if the connection is cut instead. */
async function openRawStream(baseUrl: string) {
  const res = await fetch(`${baseUrl}/api/concerts/${CONCERT}/availability/stream`);
  const reader = res.body?.getReader();
  if (!reader) throw new Error(`no stream: ${String(res.status)}`);
  const decoder = new TextDecoder();
  let text = '';
  const ended = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text;
      text += decoder.decode(value, { stream: true });
    }
  })();
  return { status: res.status, ended };
}

describe('stopping the server process', () => {
  const started = stoppedAfterEach();

  /** A new database file that no connection of the test keeps open, and a server on it. */
  async function serveFreshDatabase(env: Record<string, string> = {}) {
    const database = started.database(
      await createTestDatabase([{ id: CONCERT, tiers: [{ code: 'ga', total: 20 }] }], Date.now()),
    );
    await database.db.close();
    const server = started.server(
      await startServerProcess({ DATABASE_PATH: database.file, ...env }),
    );
    return { server, file: database.file };
  }

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'on %s, it ends each availability stream with a retry hint, closes the database cleanly and exits 0',
    async (signal) => {
      const { server, file } = await serveFreshDatabase();
      const checkout = await createShopper(server.url).checkout(CONCERT, [
        { tier: 'ga', quantity: 2 },
      ]);
      const stream = await openRawStream(server.url);

      server.child.kill(signal);
      const text = await stream.ended;

      expect(checkout.status).toBe(201);
      expect(stream.status).toBe(200);
      // The hint on connect, the snapshot, then the hint again as the stream ends.
      expect(text).toMatch(
        /^retry: 3000\n\nid: \d+\nevent: availability\ndata: .+\n\nretry: 3000\n\n$/,
      );
      expect(await server.exited).toBe(0);
      // The last connection to close checkpoints the WAL into the file and deletes it.
      expect(fs.existsSync(`${file}-wal`)).toBe(false);
      const reopened = openSqliteStore(file);
      expect(await storedTier(reopened, CONCERT, 'ga')).toMatchObject({
        heldCounter: 2,
        inHoldRows: 2,
      });
      void reopened.close();
    },
  );

  it('a second signal while requests are still in flight exits at once, with 128 + its number', async () => {
    const { server } = await serveFreshDatabase({ SHUTDOWN_TIMEOUT_MS: '600000' });
    const post = await startPost(server.url, '/api/holds/checkout', {
      concertId: CONCERT,
      items: [{ tier: 'ga', quantity: 1 }],
    });
    server.child.kill('SIGTERM');
    await server.printed(SHUTTING_DOWN);

    server.child.kill('SIGINT');

    expect(await server.exited).toBe(130);
    await expect(post.response).rejects.toThrow();
  });
});

describe('the server process on invalid configuration', () => {
  const started = stoppedAfterEach();

  it('refuses to start on invalid configuration and names every bad variable', async () => {
    const start = startServerProcess({ HOLD_DURATION_MS: 'ten minutes', PORT: '70000' });

    await expect(start).rejects.toThrow(
      /exited with 1[\s\S]*HOLD_DURATION_MS[\s\S]*PORT|PORT[\s\S]*HOLD_DURATION_MS/,
    );
  });

  it('logs JSON lines: a refused start is one fatal line listing the bad variables', async () => {
    let message = '';
    try {
      started.server(await startServerProcess({ LOG_LEVEL: 'loud' }));
    } catch (error) {
      message = (error as Error).message;
    }

    const [heading, ...output] = message.split('\n').filter(Boolean);
    expect(heading).toBe('server exited with 1:');
    expect(output.map((line) => JSON.parse(line) as unknown)).toEqual([
      expect.objectContaining({
        level: 'fatal',
        msg: 'Invalid configuration',
        problems: [
          'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
        ],
      }),
    ]);
  });
});

describe('the server process on a database it cannot use', () => {
  const started = stoppedAfterEach();

  /** The lines a refused start printed, each parsed. */
  async function refusedStart(env: Record<string, string>): Promise<Record<string, unknown>[]> {
    let message = '';
    try {
      started.server(await startServerProcess(env));
    } catch (error) {
      message = (error as Error).message;
    }
    const [heading, ...output] = message.split('\n').filter(Boolean);
    expect(heading).toBe('server exited with 1:');
    return output.map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  it('when nothing answers at DATABASE_URL, it stops with one line naming the variable, without the password or a stack trace', async () => {
    const port = await freePort();

    const lines = await refusedStart({
      DATABASE_URL: `postgres://tickets:s3cret@127.0.0.1:${port}/tickets`,
    });

    expect(lines).toEqual([
      expect.objectContaining({
        level: 'fatal',
        database: `postgres://tickets:***@127.0.0.1:${port}/tickets`,
        msg: `DATABASE_URL: cannot use the database at postgres://tickets:***@127.0.0.1:${port}/tickets: connect ECONNREFUSED 127.0.0.1:${port}`,
      }),
    ]);
    expect(JSON.stringify(lines)).not.toContain('s3cret');
  });

  it.skipIf(postgresSkipped())(
    'when the database named in DATABASE_URL does not exist, it stops with one line saying so',
    async () => {
      const url = new URL(inject('postgresUrl') ?? '');
      url.password = 's3cret';
      url.pathname = '/no_such_tickets_database';
      const shown = new URL(url);
      shown.password = '***';

      const lines = await refusedStart({ DATABASE_URL: url.toString() });

      expect(lines).toEqual([
        expect.objectContaining({
          level: 'fatal',
          msg: `DATABASE_URL: cannot use the database at ${shown.toString()}: database "no_such_tickets_database" does not exist`,
        }),
      ]);
      expect(JSON.stringify(lines)).not.toContain('s3cret');
    },
  );
});
