import { parse, serialize } from 'cookie';
import type { NodeMiddleware } from '../../http/node-middleware.js';
import type { SessionTokens } from './session-tokens.js';

export const SESSION_COOKIE = 'tb_session';
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

declare module 'http' {
  interface IncomingMessage {
    /** The shopper's session; every shopper's /api request has one. */
    sessionId: string;
  }
}

/**
 * Gives every shopper's /api request a session, issuing a fresh cookie when it lacks a valid
 * one. `secure` keeps the cookie to HTTPS, for a site served that way.
 */
export function sessionMiddleware(
  tokens: SessionTokens,
  options: { secure: boolean } = { secure: false },
): NodeMiddleware {
  return (req, res, next) => {
    const header = req.headers.cookie;
    const sessionId = header ? tokens.verify(parse(header)[SESSION_COOKIE]) : undefined;
    if (sessionId) {
      req.sessionId = sessionId;
    } else {
      const issued = tokens.issue();
      req.sessionId = issued.sessionId;
      res.appendHeader(
        'Set-Cookie',
        serialize(SESSION_COOKIE, issued.token, {
          httpOnly: true,
          sameSite: 'lax',
          secure: options.secure,
          path: '/',
          maxAge: ONE_YEAR_SECONDS,
          expires: new Date(Date.now() + ONE_YEAR_SECONDS * 1000),
        }),
      );
    }
    next();
  };
}
