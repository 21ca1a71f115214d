import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openAvailabilityStream } from '../test/availability-stream.js';
import { countRows, storedTier } from '../test/inspect.js';
import { startTestApp, type TestApp } from '../test/test-app.js';
import { testConfig } from '../test/test-config.js';

const CONCERT = 'test-concert';

/**
 * Opens a raw connection, writes `head` and then nothing more. Resolves with everything the
 * server sent once it closes the connection.
 */
function stall(url: string, head: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(head);
    });
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', reject);
    socket.on('close', () => {
      resolve(received);
    });
  });
}

describe('request timeouts', () => {
  let app: TestApp;
  afterEach(async () => {
    await app.close();
  });

  async function startWithTimeout(requestTimeoutMs: number) {
    app = await startTestApp({ config: { http: { ...testConfig().http, requestTimeoutMs } } });
  }

  it('a client that sends headers and never finishes its body gets 408 and is cut off; nothing is stored', async () => {
    await startWithTimeout(300);
    const body = JSON.stringify({ concertId: CONCERT, items: [{ tier: 'vip', quantity: 2 }] });

    const received = await stall(
      app.url,
      'POST /api/holds/checkout HTTP/1.1\r\nHost: tickets\r\nContent-Type: application/json\r\n' +
        `Content-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
    );

    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(await countRows(app.db, 'holds')).toBe(0);
    expect(await storedTier(app.db, CONCERT, 'vip')).toMatchObject({
      heldCounter: 0,
      inHoldRows: 0,
    });
  });

  it('a client that never finishes its headers gets 408 and is cut off', async () => {
    await startWithTimeout(300);

    const received = await stall(app.url, 'GET /api/concerts HTTP/1.1\r\nHost: tickets\r\n');

    expect(received).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('a live availability stream outlives the request timeout and keeps receiving events', async () => {
    await startWithTimeout(300);
    const stream = await openAvailabilityStream(app.url, CONCERT);
    await stream.waitFor(() => true);

    // The stalled client is cut off one timeout after it started, which is after the stream
    // opened: by then the stream is older than the timeout.
    await stall(app.url, 'GET /api/concerts HTTP/1.1\r\nHost: tickets\r\n');
    const res = await app.shopper().checkout(CONCERT, [{ tier: 'vip', quantity: 2 }]);
    const seen = await stream.waitFor((e) => e.tiers[0]?.held === 2);
    stream.close();

    expect(res.status).toBe(201);
    expect(seen.tiers[0]).toMatchObject({ code: 'vip', held: 2 });
    expect(stream.status).toBe(200);
  });
});
