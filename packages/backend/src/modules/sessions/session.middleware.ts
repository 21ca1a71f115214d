import { parse, serialize } from 'cookie';
import type { NodeMiddleware } from '../../http/node-middleware.js';
import { requestContext } from '../../http/request-context.js';
import type { SessionTokens } from './session-tokens.js';

export const SESSION_COOKIE = 'tb_session';
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * Gives every shopper's /api request a session (read with `sessionOf`), issuing a fresh cookie
 * when it lacks a valid one. `secure` keeps the cookie to HTTPS, for a site served that way.
 */
export function sessionMiddleware(
  tokens: SessionTokens,
  options: { secure: boolean } = { secure: false },
): NodeMiddleware {
  // The attributes are the same for every cookie, so they are written once: Max-Age alone, which
  // every browser in use honours, and not an Expires date to format for each new shopper.
  const attributes = serialize(SESSION_COOKIE, '', {
    httpOnly: true,
    sameSite: 'lax',
    secure: options.secure,
    path: '/',
    maxAge: ONE_YEAR_SECONDS,
  }).slice(`${SESSION_COOKIE}=`.length);
  return (req, res, next) => {
    const header = req.headers.cookie;
    const sessionId = header ? tokens.verify(parse(header)[SESSION_COOKIE]) : undefined;
    if (sessionId) {
      requestContext(req).sessionId = sessionId;
    } else {
      const issued = tokens.issue();
      requestContext(req).sessionId = issued.sessionId;
      // A token is base64url characters and a dot: nothing in it needs encoding.
      res.appendHeader('Set-Cookie', `${SESSION_COOKIE}=${issued.token}${attributes}`);
    }
    next();
  };
}
