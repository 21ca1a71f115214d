import { once } from 'node:events';
import http, { type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { drainable, type ServerDrain } from './drain.js';

/** Long enough that a drain resolving before it proves the connections were closed, not cut. */
const NO_BOUND_MS = 600_000;

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

describe('draining an HTTP server', () => {
  let server: http.Server | undefined;
  const agent = new http.Agent({ keepAlive: true });

  afterEach(() => {
    agent.destroy();
    server?.closeAllConnections();
    server?.close();
    server = undefined;
  });

  /**
   * A server whose handler leaves each response to the test. Keep-alive connections never time
   * out here, so only the drain can close them.
   */
  async function serve() {
    const arrived: ServerResponse[] = [];
    const waiting: ((res: ServerResponse) => void)[] = [];
    const listening = http.createServer((_req, res) => {
      const waiter = waiting.shift();
      if (waiter) waiter(res);
      else arrived.push(res);
    });
    listening.keepAliveTimeout = 0;
    const drain: ServerDrain = drainable(listening);
    listening.listen(0, '127.0.0.1');
    await once(listening, 'listening');
    server = listening;
    const url = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
    return {
      drain,
      url,
      /** The response to the next request the server receives (or the one already there). */
      nextResponse: (): Promise<ServerResponse> => {
        const ready = arrived.shift();
        if (ready) return Promise.resolve(ready);
        return new Promise((resolve) => waiting.push(resolve));
      },
    };
  }

  /** A keep-alive GET; `answer` settles once the whole body is in (or the connection is cut). */
  function get(url: string) {
    const req = http.get(url, { agent });
    const socket = new Promise<Socket>((resolve) => req.once('socket', resolve));
    const answer = new Promise<Answer>((resolve, reject) => {
      req.on('error', reject);
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('error', reject);
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      });
    });
    // Vitest reports the rejection where the test awaits it; this only keeps Node from calling it unhandled.
    answer.catch(() => undefined);
    return { socket, answer };
  }

  it('closes a keep-alive connection that is idle at once, and nothing is cut', async () => {
    const { drain, url, nextResponse } = await serve();
    const request = get(url);
    (await nextResponse()).end('hello');
    await request.answer;
    const socket = await request.socket;
    const socketClosed = once(socket, 'close');

    const cut = await drain.drain(NO_BOUND_MS);

    expect(cut).toBe(0);
    await socketClosed;
  });

  it('refuses new connections, lets an answer in progress finish with Connection: close, then closes its connection', async () => {
    const { drain, url, nextResponse } = await serve();
    const request = get(url);
    const res = await nextResponse();

    const drained = drain.drain(NO_BOUND_MS);
    await expect(fetch(url)).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
    res.end('finished');

    expect(await request.answer).toMatchObject({
      status: 200,
      headers: { connection: 'close' },
      body: 'finished',
    });
    expect(await drained).toBe(0);
  });

  it('an event stream whose headers went out before the drain: once it ends, its connection is closed', async () => {
    const { drain, url, nextResponse } = await serve();
    const request = get(url);
    const stream = await nextResponse();
    stream.writeHead(200, { 'Content-Type': 'text/event-stream' });
    stream.write('data: first\n\n');

    const drained = drain.drain(NO_BOUND_MS);
    stream.end('retry: 3000\n\n');

    expect(await request.answer).toMatchObject({
      status: 200,
      headers: { connection: 'keep-alive' },
      body: 'data: first\n\nretry: 3000\n\n',
    });
    expect(await drained).toBe(0);
  });

  it('cuts what is still running when the bound is reached, and says how many', async () => {
    const { drain, url, nextResponse } = await serve();
    const stuck = get(url);
    await nextResponse();

    const cut = await drain.drain(50);

    expect(cut).toBe(1);
    await expect(stuck.answer).rejects.toMatchObject({ code: 'ECONNRESET' });
  });
});
