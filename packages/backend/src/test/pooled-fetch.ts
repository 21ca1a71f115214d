import http from 'node:http';

/** The part of `fetch` the test clients use. */
export type Fetch = (
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string },
) => Promise<Response>;

export interface PooledFetch {
  fetch: Fetch;
  /** Ends the connections kept open. */
  close(): void;
}

/** Statuses whose response has no body, which `new Response` refuses to be given one. */
const NO_BODY = new Set([204, 205, 304]);

/**
 * `fetch` over `node:http`, with at most `maxSockets` connections to each server, kept alive:
 * thousands of requests sent at once queue in the client instead of each opening a socket, so
 * a rush does not run the test process out of file descriptors.
 */
export function pooledFetch(maxSockets: number): PooledFetch {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  return {
    fetch: (url, init) =>
      new Promise((resolve, reject) => {
        const req = http.request(
          url,
          { method: init.method ?? 'GET', headers: init.headers, agent },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('error', reject);
            res.on('end', () => {
              const headers = new Headers();
              for (const [name, value] of Object.entries(res.headers)) {
                for (const one of Array.isArray(value) ? value : [value ?? '']) {
                  headers.append(name, one);
                }
              }
              const status = res.statusCode ?? 0;
              const body = NO_BODY.has(status) ? null : Buffer.concat(chunks);
              resolve(new Response(body, { status, headers }));
            });
          },
        );
        req.on('error', reject);
        req.end(init.body);
      }),
    close() {
      agent.destroy();
    },
  };
}
