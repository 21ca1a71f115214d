/**
 * The practical ceiling: a bare node:http server doing the same hold transaction as the product
 * (the same compiled service over the same database, with session ids made the same way),
 * without Express, session cookies or schema validation. Prints its URL, like the product does.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServices } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { openDatabase } from '../src/db/connection.js';
import { checkout } from '../src/modules/holds/holds.service.js';
import { newSessionId } from '../src/modules/sessions/session-tokens.js';

const config = loadConfig();
const db = openDatabase(config.databasePath);
const services = createServices({ config, db, clock: { now: () => Date.now() } });

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const request = JSON.parse(Buffer.concat(chunks).toString()) as {
      concertId: string;
      items: { tier: string; quantity: number }[];
    };
    checkout(services, newSessionId(), request).then(
      (reply) => {
        res.writeHead(reply.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(reply.body));
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
  db.close();
  process.exit(0);
});
