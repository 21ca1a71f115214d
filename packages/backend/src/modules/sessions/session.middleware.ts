import type { RequestHandler } from 'express';
import { parse } from 'cookie';
import type { SessionTokens } from './session-tokens.js';

export const SESSION_COOKIE = 'tb_session';
const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

declare global {
  // Express's request type is extended by declaration merging.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The shopper's session; every /api request has one. */
      sessionId: string;
    }
  }
}

/**
 * Gives every /api request a session, issuing a fresh cookie when it lacks a valid one.
 * `secure` keeps the cookie to HTTPS, for a site served that way.
 */
export function sessionMiddleware(
  tokens: SessionTokens,
  options: { secure: boolean } = { secure: false },
): RequestHandler {
  return (req, res, next) => {
    const header = req.headers.cookie;
    const sessionId = header ? tokens.verify(parse(header)[SESSION_COOKIE]) : undefined;
    if (sessionId) {
      req.sessionId = sessionId;
    } else {
      const issued = tokens.issue();
      req.sessionId = issued.sessionId;
      res.cookie(SESSION_COOKIE, issued.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: options.secure,
        path: '/',
        maxAge: ONE_YEAR_MS,
      });
    }
    next();
  };
}
