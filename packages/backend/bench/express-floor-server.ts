/**
 * What Express alone costs: the least Express app that can take the checkout (one route, its
 * JSON body parser, its JSON reply) over the same hold transaction as the product, with none of
 * the product's middleware (sessions, validation, logs, metrics, security headers). Measured
 * beside the bare baseline, it shows how much of the gap to the baseline is the framework's.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { CheckoutRequest } from '@ticket-booking/shared';
import { createServices } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { openSqliteStore } from '../src/db/sqlite/store.js';
import { checkout } from '../src/modules/holds/holds.service.js';
import { newSessionId } from '../src/modules/sessions/session-tokens.js';

const config = loadConfig();
const store = openSqliteStore(config.databasePath);
const services = createServices({ config, store, clock: { now: () => Date.now() } });

const app = express();
app.disable('x-powered-by');
app.set('etag', false);
app.post('/api/holds/checkout', express.json(), async (req, res) => {
  const shopper = { sessionId: newSessionId(), address: req.ip ?? '' };
  const reply = await checkout(services, shopper, req.body as CheckoutRequest);
  res.status(reply.status).json(reply.body);
});

const server = app.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.info(`Express floor listening on http://127.0.0.1:${port}`);
});
process.on('SIGTERM', () => {
  server.close();
  void store.close().then(() => process.exit(0));
});
