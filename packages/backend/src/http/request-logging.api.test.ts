import { once } from 'node:events';
import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PaymentGateway } from '../modules/bookings/payment-gateway.js';
import { openAvailabilityStream } from '../test/availability-stream.js';
import { countRows } from '../test/inspect.js';
import { captureLogs, type LogCapture } from '../test/log-capture.js';
import { GOOD_CARD } from '../test/shopper.js';
import { startTestApp, type TestApp } from '../test/test-app.js';

const CONCERT = 'test-concert';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A payment provider that fails in a way nobody planned for. */
const brokenGateway: PaymentGateway = {
  charge() {
    throw new Error('payment provider unreachable');
  },
};

describe('request ids and logs', () => {
  let app: TestApp | undefined;
  let logs: LogCapture;
  let startupLines = 0;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function start(options: Parameters<typeof startTestApp>[0] = {}): Promise<TestApp> {
    logs = captureLogs();
    app = await startTestApp({ ...options, logs });
    // What the app warns of as it starts (PostgreSQL without Redis) has tests of its own.
    startupLines = logs.lines().length;
    return app;
  }

  /** The lines logged since the app started. */
  function logged() {
    return logs.lines().slice(startupLines);
  }

  function linesOf(requestId: string | null) {
    return logged().filter((line) => line.reqId === requestId);
  }

  it('every response carries a fresh X-Request-Id, and the request is logged as JSON with it', async () => {
    const started = await start();

    const first = await started.shopper().concert(CONCERT);
    const second = await started.shopper().concert(CONCERT);

    const id = first.headers.get('x-request-id');
    expect(id).toMatch(UUID);
    expect(second.headers.get('x-request-id')).toMatch(UUID);
    expect(second.headers.get('x-request-id')).not.toBe(id);
    expect(linesOf(id)).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'request completed',
        req: { method: 'GET', url: `/api/concerts/${CONCERT}` },
        res: { statusCode: 200 },
        responseTime: expect.any(Number),
      }),
    ]);
    expect(logged().every((line) => typeof line.reqId === 'string')).toBe(true);
  });

  it('an availability stream gets an id in its headers, and is logged with it once it closes', async () => {
    const started = await start();
    const stream = await openAvailabilityStream(started.url, CONCERT);
    await stream.waitFor(() => true);
    const id = stream.headers.get('x-request-id');

    stream.close();

    expect(stream.status).toBe(200);
    expect(id).toMatch(UUID);
    await vi.waitFor(() => {
      expect(linesOf(id)).toEqual([
        expect.objectContaining({
          req: { method: 'GET', url: `/api/concerts/${CONCERT}/availability/stream` },
          res: { statusCode: 200 },
        }),
      ]);
    });
  });

  it('a well-formed X-Request-Id from the caller is kept, echoed and logged', async () => {
    const started = await start();
    const incoming = 'edge-7f3a:2030.01.15_12-00';

    const res = await started.shopper().request('GET', '/api/concerts', undefined, {
      headers: { 'X-Request-Id': incoming },
    });

    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe(incoming);
    expect(linesOf(incoming)).toHaveLength(1);
  });

  it.each([
    ['longer than 128 characters', 'a'.repeat(129)],
    ['containing a space', 'two words'],
    ['containing characters outside A-Z a-z 0-9 . _ : -', 'id;drop<script>'],
    ['empty', ''],
  ])('a malformed X-Request-Id (%s) is replaced by a fresh one', async (_case, incoming) => {
    const started = await start();

    const res = await started.shopper().request('GET', '/api/concerts', undefined, {
      headers: { 'X-Request-Id': incoming },
    });

    const id = res.headers.get('x-request-id');
    expect(res.status).toBe(200);
    expect(id).toMatch(UUID);
    expect(linesOf(id)).toHaveLength(1);
    expect(logs.text()).not.toContain(incoming || '"reqId":""');
  });

  it('an unexpected error is answered 500 with no stack, and logged once with its stack and the request id', async () => {
    const started = await start({ payments: brokenGateway });
    const buyer = started.shopper();
    await buyer.checkout(CONCERT, [{ tier: 'vip', quantity: 1 }]);

    const res = await buyer.book(CONCERT);

    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      error: {
        code: 'INTERNAL_ERROR',
        message: 'Something went wrong on our side. Please try again.',
      },
    });
    expect(JSON.stringify(res.body)).not.toMatch(/payment provider|\bat\b|\.ts/);
    const id = res.headers.get('x-request-id');
    expect(linesOf(id)).toEqual([
      expect.objectContaining({
        level: 'error',
        req: { method: 'POST', url: '/api/bookings' },
        res: { statusCode: 500 },
        err: expect.objectContaining({
          type: 'Error',
          message: 'payment provider unreachable',
          stack: expect.stringMatching(/payment provider unreachable\n\s+at /),
        }),
      }),
    ]);
    expect(await countRows(started.db, 'bookings')).toBe(0);
    expect(await countRows(started.db, 'holds')).toBe(1);
  });

  it('logs never hold the session cookie, the card number or anything else from the body', async () => {
    const started = await start();
    const buyer = started.shopper();
    await buyer.checkout(CONCERT, [{ tier: 'vip', quantity: 1 }]);

    const res = await buyer.book(CONCERT);

    expect(res.status).toBe(201);
    expect(await countRows(started.db, 'bookings')).toBe(1);
    const written = logs.text();
    expect(logged()).toHaveLength(2);
    expect(buyer.cookie).toBeDefined();
    for (const secret of [
      buyer.cookie!.split('=')[1]!,
      'tb_session',
      GOOD_CARD.cardNumber,
      GOOD_CARD.cardNumber.replaceAll(' ', ''),
      GOOD_CARD.cvc,
      'ada@example.com',
    ]) {
      // As a token of its own: the CVC's digits may well turn up inside a timestamp or an id.
      const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      expect(written).not.toMatch(new RegExp(`(?<![0-9a-z])${escaped}(?![0-9a-z])`, 'i'));
    }
  });

  it('with LOG_LEVEL=warn, answered requests are not logged but a 500 still is', async () => {
    const started = await start({ payments: brokenGateway, config: { logLevel: 'warn' } });
    const buyer = started.shopper();
    await buyer.checkout(CONCERT, [{ tier: 'vip', quantity: 1 }]);

    const res = await buyer.book(CONCERT);

    expect(res.status).toBe(500);
    expect(logged()).toEqual([
      expect.objectContaining({ level: 'error', reqId: res.headers.get('x-request-id') }),
    ]);
  });

  it('a request whose client leaves halfway through its body is logged once, and changes nothing', async () => {
    const started = await start();
    const { hostname, port } = new URL(started.url);

    // The server says it has the request (100 Continue); the client sends half a body and goes.
    const socket = net.connect(Number(port), hostname);
    await once(socket, 'connect');
    socket.write(
      'POST /api/holds/checkout HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        'Content-Length: 100\r\nExpect: 100-continue\r\n\r\n',
    );
    const [answer] = (await once(socket, 'data')) as [Buffer];
    await new Promise((written) => socket.write('{"concertId":', written));
    socket.destroy();

    await vi.waitFor(() => {
      expect(logged()).toEqual([
        expect.objectContaining({
          level: 'info',
          req: { method: 'POST', url: '/api/holds/checkout' },
          res: { statusCode: 400 },
        }),
      ]);
    });
    expect(answer.toString()).toMatch(/^HTTP\/1\.1 100 Continue/);
    expect(await countRows(started.db, 'holds')).toBe(0);
    expect(await countRows(started.db, 'sessions')).toBe(0);
  });
});
