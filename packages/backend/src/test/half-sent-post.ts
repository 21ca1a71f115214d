import { once } from 'node:events';
import http, { type IncomingHttpHeaders } from 'node:http';

export interface HalfSentResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A POST whose headers the server has read (it answered `100 Continue`) and whose body is only
 * half sent: a request in flight for as long as the test likes.
 */
export async function startPost(baseUrl: string, path: string, body: unknown) {
  const payload = Buffer.from(JSON.stringify(body));
  const req = http.request(`${baseUrl}${path}`, {
    method: 'POST',
    agent: false,
    headers: {
      'content-type': 'application/json',
      'content-length': payload.length,
      expect: '100-continue',
    },
  });
  const response = new Promise<HalfSentResponse>((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('error', reject);
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text });
      });
    });
  });
  // Vitest reports the rejection where the test awaits it; this only keeps Node from calling it unhandled.
  response.catch(() => undefined);
  req.flushHeaders();
  await once(req, 'continue');
  const half = Math.floor(payload.length / 2);
  req.write(payload.subarray(0, half));
  return {
    response,
    sendTheRest() {
      req.end(payload.subarray(half));
    },
  };
}
