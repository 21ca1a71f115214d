import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../lib/app-error.js';
import type { NodeMiddleware } from './node-middleware.js';

/** Equal-length digests, so comparing them takes the same time whatever was sent. */
function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/**
 * Lets a request through only with `Authorization: Bearer <token>` (RFC 6750); any other is a 401
 * that says which scheme to use. The scheme's name is matched without regard to case (RFC 9110).
 */
export function requireBearerToken(
  tokens: readonly string[],
  realm: 'organizer' | 'door',
): NodeMiddleware {
  const expected = tokens.map(digest);
  const needed = realm === 'organizer' ? 'organizer' : 'organizer or door';
  return (req, res, next) => {
    const sent = /^Bearer +(\S+) *$/i.exec(req.headers.authorization ?? '')?.[1];
    const given = sent === undefined ? undefined : digest(sent);
    if (given && expected.some((token) => timingSafeEqual(given, token))) {
      next();
      return;
    }
    res.setHeader('WWW-Authenticate', `Bearer realm="${realm}"`);
    next(new AppError('UNAUTHORIZED', `This needs a valid ${needed} token.`));
  };
}
