import http from 'node:http';
import { assertDocumented } from './contract.js';

export interface RawRequest {
  method: string;
  /** Sent exactly as given: it may hold bad percent-encoding or bytes fetch would refuse. */
  path: string;
  headers?: http.OutgoingHttpHeaders;
  body?: Buffer | string;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as text; for an event stream, what arrived with its first write. */
  text: string;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Node frames a body by itself only for methods that usually have one; a DELETE or GET with a
 * body needs its length said, or the server reads the body as the next request.
 */
function withLength(request: RawRequest): http.OutgoingHttpHeaders {
  const headers = { ...request.headers };
  if (request.body !== undefined && headers['transfer-encoding'] === undefined) {
    headers['content-length'] = Buffer.byteLength(request.body);
  }
  return headers;
}

/**
 * One request over a fresh connection with `node:http`, which sends paths and header values that
 * `fetch` would reject or normalise. An event stream is read up to its first write and then hung
 * up on, as a browser that navigates away would. The response must be one the OpenAPI document
 * describes.
 */
export function sendRaw(baseUrl: string, request: RawRequest): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: hostname,
        port,
        method: request.method,
        path: request.path,
        headers: withLength(request),
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        const done = () => {
          const response = {
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          };
          try {
            assertDocumented({
              method: request.method,
              path: request.path,
              status: response.status,
              header: (name) => headerValue(res.headers[name.toLowerCase()]),
              text: response.text,
            });
            resolve(response);
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        };
        const isStream = res.headers['content-type']?.startsWith('text/event-stream') ?? false;
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          if (isStream) {
            done();
            req.destroy();
          }
        });
        res.on('end', done);
        res.on('error', reject);
      },
    );
    // A request the server never answers would otherwise hang the test until its own timeout.
    req.setTimeout(10_000, () => {
      req.destroy(new Error(`no answer to ${request.method} ${request.path} within 10 s`));
    });
    req.on('error', reject);
    req.end(request.body);
  });
}

/**
 * Sends a request's head and the first `sentBytes` of its body, then hangs up, as a dropped
 * upload would. Resolves once the connection is closed, whatever the server made of it.
 */
export function sendAndHangUp(
  baseUrl: string,
  request: RawRequest & { body: Buffer },
  sentBytes: number,
): Promise<void> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    const req = http.request({
      host: hostname,
      port,
      method: request.method,
      path: request.path,
      headers: withLength(request),
      agent: false,
    });
    req.on('response', (res) => res.resume());
    // The hang-up itself surfaces as an error here: it is what this request is for.
    req.on('error', () => undefined);
    req.on('close', resolve);
    req.write(request.body.subarray(0, sentBytes), () => {
      req.destroy();
    });
  });
}
