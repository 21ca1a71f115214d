import http from 'node:http';
import type { Config } from '../config/config.js';

/**
 * Listens with the configured timeouts and resolves once the server accepts connections.
 *
 * A request, headers and body, must arrive within `requestTimeoutMs`, or the client gets a 408
 * and is disconnected: a client that trickles or never finishes its request cannot hold a
 * socket. The timeout stops counting once the request has arrived, so an event stream (a GET
 * without a body) stays open for as long as the page does.
 */
export function listen(handler: http.RequestListener, config: Config): Promise<http.Server> {
  const server = http.createServer(
    {
      requestTimeout: config.http.requestTimeoutMs,
      headersTimeout: config.http.requestTimeoutMs,
      keepAliveTimeout: config.http.keepAliveTimeoutMs,
      // Node looks for overdue requests every 30 s by default, which would let a stalled request
      // keep its socket that much past the timeout; a check walks only unfinished requests.
      connectionsCheckingInterval: Math.min(1000, config.http.requestTimeoutMs),
    },
    handler,
  );
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
