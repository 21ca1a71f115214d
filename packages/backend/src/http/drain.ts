import type { Server, ServerResponse } from 'node:http';

export interface ServerDrain {
  /**
   * Stops accepting connections at once and closes idle ones; lets every request in flight
   * finish and then closes its connection; cuts whatever is still running after `timeoutMs`.
   * Resolves, with how many requests were cut, once no connection is left.
   */
  drain(timeoutMs: number): Promise<number>;
}

/**
 * Makes `server` drainable. Call it right after listening, so every request is seen.
 *
 * Built on Node's own `server.close()`, `closeIdleConnections()` and `closeAllConnections()`
 * rather than http-terminator: that library keeps the port open during its grace period
 * (accepting, then resetting, new connections instead of refusing them), reads a private
 * socket field to find requests in flight, polls for them to end, and keeps the connection of
 * an event stream that has ended (its headers said keep-alive) until the grace period is over.
 * What Node lacks is small: saying `Connection: close` on the answers still to come, and
 * closing each connection once its answer is done.
 */
export function drainable(server: Server): ServerDrain {
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  let closeQueued = false;

  /** Once per turn of the event loop: each call walks every connection. */
  function closeIdleSoon(): void {
    if (closeQueued) return;
    closeQueued = true;
    setImmediate(() => {
      closeQueued = false;
      server.closeIdleConnections();
    });
  }

  // Before the app's own listener, so the header is set before any handler answers.
  server.prependListener('request', (_req, res: ServerResponse) => {
    inFlight.add(res);
    if (draining) res.setHeader('Connection', 'close');
    res.once('close', () => {
      inFlight.delete(res);
      // Its connection may now sit idle on keep-alive; nothing else would close it.
      if (draining) closeIdleSoon();
    });
  });

  return {
    drain(timeoutMs) {
      draining = true;
      return new Promise((resolve, reject) => {
        let cut = 0;
        const deadline = setTimeout(() => {
          cut = inFlight.size;
          server.closeAllConnections();
        }, timeoutMs);
        // Since Node 19 this also closes the connections that are idle right now.
        server.close((error) => {
          clearTimeout(deadline);
          if (error) reject(error);
          else resolve(cut);
        });
        for (const res of inFlight) {
          // An answer whose headers are out (an event stream) is closed by the hook above.
          if (!res.headersSent) res.setHeader('Connection', 'close');
        }
      });
    },
  };
}
