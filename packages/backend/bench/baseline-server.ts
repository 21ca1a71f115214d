/**
 * The practical ceiling: a bare node:http server doing the same hold transaction as the product
 * (the same compiled service over the same database, with session ids made the same way),
 * without Express, session cookies or schema validation. Its availability streams are as bare:
 * after each checkout, the concert's counts (read as the product reads them) go to every open
 * stream of the concert in one loop of socket writes, with no coalescing, slicing or backpressure.
 * Prints its URL, like the product does.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { AVAILABILITY_EVENT } from '@ticket-booking/shared';
import { createServices } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { openSqliteStore } from '../src/db/sqlite/store.js';
import { readAvailability } from '../src/modules/availability/availability.service.js';
import { checkout } from '../src/modules/holds/holds.service.js';
import { newSessionId } from '../src/modules/sessions/session-tokens.js';

const config = loadConfig();
const store = openSqliteStore(config.databasePath);
const services = createServices({ config, store, clock: { now: () => Date.now() } });

const STREAM_PATH = /^\/api\/concerts\/([^/]+)\/availability\/stream$/;
const streams = new Map<string, Set<Socket>>();

/** The concert's counts as one chunk of a chunked HTTP/1.1 body, or undefined if it is gone. */
async function eventChunk(concertId: string): Promise<Buffer | undefined> {
  const event = await readAvailability(services, concertId);
  if (!event) return undefined;
  const frame = `id: ${event.version}\nevent: ${AVAILABILITY_EVENT}\ndata: ${JSON.stringify(event)}\n\n`;
  return Buffer.from(`${Buffer.byteLength(frame).toString(16)}\r\n${frame}\r\n`);
}

async function watch(concertId: string, res: http.ServerResponse): Promise<void> {
  const chunk = await eventChunk(concertId);
  const socket = res.socket;
  if (!chunk || !socket) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.flushHeaders();
  let watchers = streams.get(concertId);
  if (!watchers) {
    watchers = new Set();
    streams.set(concertId, watchers);
  }
  watchers.add(socket);
  socket.write(chunk);
  res.on('close', () => {
    watchers.delete(socket);
  });
}

async function broadcast(concertId: string): Promise<void> {
  const watchers = streams.get(concertId);
  const chunk = watchers && watchers.size > 0 ? await eventChunk(concertId) : undefined;
  if (!chunk || !watchers) return;
  for (const socket of watchers) socket.write(chunk);
}

const server = http.createServer((req, res) => {
  const stream = req.method === 'GET' ? STREAM_PATH.exec(req.url ?? '') : null;
  if (stream?.[1]) {
    void watch(decodeURIComponent(stream[1]), res);
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const request = JSON.parse(Buffer.concat(chunks).toString()) as {
      concertId: string;
      items: { tier: string; quantity: number }[];
    };
    checkout(
      services,
      { sessionId: newSessionId(), address: req.socket.remoteAddress ?? '' },
      request,
    ).then(
      (reply) => {
        res.writeHead(reply.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(reply.body));
        void broadcast(request.concertId);
      },
      (error: unknown) => {
        res.writeHead(409, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: String(error) }));
      },
    );
  });
});
server.listen(0, '127.0.0.1', () => {
  console.info(`Baseline listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => {
  server.close();
  void store.close().then(() => process.exit(0));
});
