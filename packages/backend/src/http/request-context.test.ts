import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { requestContext, sessionOf } from './request-context.js';

function request(): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  req.method = 'GET';
  req.url = '/api/health';
  return req;
}

describe('the request context', () => {
  it('gives a request’s session to the routes behind the session middleware', () => {
    const req = request();

    requestContext(req).sessionId = 'a-session';

    expect(sessionOf(req)).toBe('a-session');
  });

  it('refuses to make up a session for a request the session middleware did not see', () => {
    const req = request();
    requestContext(req).route = '/api/health';

    expect(() => sessionOf(req)).toThrow('GET /api/health has no session');
  });

  it('keeps each request’s context apart', () => {
    const [a, b] = [request(), request()];

    requestContext(a).sessionId = 'a';

    expect(requestContext(b)).toEqual({});
    expect(requestContext(a)).toBe(requestContext(a));
  });
});
