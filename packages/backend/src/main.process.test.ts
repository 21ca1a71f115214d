import fs from 'node:fs';
import http, { type IncomingHttpHeaders } from 'node:http';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from './db/sqlite/store.js';
import { countRows, storedHolds, storedTier } from './test/inspect.js';
import { startServerProcess } from './test/server-process.js';
import { stoppedAfterEach } from './test/stopped-after-each.js';
import { createShopper } from './test/shopper.js';
import { createTestDatabase } from './test/test-app.js';

const CONCERT = 'closing-night';
const SHUTTING_DOWN = /shutting down/;

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A POST whose headers the server has read (it answered `100 Continue`) and whose body is only
 * half sent: a request in flight for as long as the test likes.
 */
async function startPost(baseUrl: string, path: string, body: unknown) {
  const payload = Buffer.from(JSON.stringify(body));
  const req = http.request(`${baseUrl}${path}`, {
    method: 'POST',
    agent: false,
    headers: {
      'content-type': 'application/json',
      'content-length': payload.length,
      expect: '100-continue',
    },
  });
  const response = new Promise<RawResponse>((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('error', reject);
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text });
      });
    });
  });
  // Vitest reports the rejection where the test awaits it; this only keeps Node from calling it unhandled.
  response.catch(() => undefined);
  req.flushHeaders();
  await once(req, 'continue');
  const half = Math.floor(payload.length / 2);
  req.write(payload.subarray(0, half));
  return {
    response,
    sendTheRest() {
      req.end(payload.subarray(half));
    },
  };
}

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
      expect(storedTier(reopened, CONCERT, 'ga')).toMatchObject({ heldCounter: 2, inHoldRows: 2 });
      void reopened.close();
    },
  );

  it('a checkout still being sent when SIGTERM arrives gets its full answer and is stored, while new connections are refused', async () => {
    const { server, file } = await serveFreshDatabase();
    const post = await startPost(server.url, '/api/holds/checkout', {
      concertId: CONCERT,
      items: [{ tier: 'ga', quantity: 3 }],
    });

    server.child.kill('SIGTERM');
    await server.printed(SHUTTING_DOWN);
    const newcomer = fetch(`${server.url}/api/concerts`);
    await expect(newcomer).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
    post.sendTheRest();
    const res = await post.response;

    expect(res.status).toBe(201);
    expect(res.headers.connection).toBe('close');
    expect(JSON.parse(res.body)).toMatchObject({
      hold: { concertId: CONCERT, items: [{ tier: 'ga', quantity: 3 }] },
    });
    expect(await server.exited).toBe(0);
    const reopened = openSqliteStore(file);
    expect(storedHolds(reopened).map((hold) => hold.items)).toEqual([
      [{ tier: 'ga', quantity: 3 }],
    ]);
    expect(storedTier(reopened, CONCERT, 'ga')).toMatchObject({ heldCounter: 3, inHoldRows: 3 });
    void reopened.close();
  });

  it('a request that never finishes is cut after SHUTDOWN_TIMEOUT_MS, and the process still exits 0', async () => {
    const { server, file } = await serveFreshDatabase({ SHUTDOWN_TIMEOUT_MS: '500' });
    const post = await startPost(server.url, '/api/holds/checkout', {
      concertId: CONCERT,
      items: [{ tier: 'ga', quantity: 3 }],
    });

    server.child.kill('SIGTERM');

    await expect(post.response).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(await server.exited).toBe(0);
    await server.printed(/Cut 1 request\(s\) still running after 500 ms/);
    const reopened = openSqliteStore(file);
    expect(countRows(reopened, 'holds')).toBe(0);
    void reopened.close();
  });

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
