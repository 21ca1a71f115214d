import type { z } from 'zod';
import { AppError } from '../lib/app-error.js';
import { sendError } from './errors.js';
import type { NodeMiddleware } from './node-middleware.js';
import { compilePath, decodedSegment, type CompiledPath } from './route-registry.js';

/** A method the server takes on a path. */
export interface KnownRoute {
  /** Upper case, as on the request line. */
  method: string;
  /** Express-style: `:name` segments are parameters. */
  path: string;
  /** What each parameter must be for the path to name something that can exist. */
  params?: Record<string, z.ZodType>;
  /**
   * A route switched off (the organizer's, without its token): its method goes on to the 404 of
   * an unknown path, and it neither makes its path known nor is offered in `Allow`.
   */
  off?: boolean;
}

/** The order `Allow` lists methods in, as RFC 9110 lists them. */
const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

interface CompiledRoute extends KnownRoute, CompiledPath {}

function compile(route: KnownRoute): CompiledRoute {
  return { ...route, ...compilePath(route.path) };
}

/** Whether the path's parameters are ones its route could answer for, not just any segment. */
function namesSomething(route: CompiledRoute, captures: string[]): boolean {
  return route.names.every((name, index) => {
    const schema = route.params?.[name];
    const value = decodedSegment(captures[index] ?? '');
    return value !== undefined && (!schema || schema.safeParse(value).success);
  });
}

/**
 * Answers a method a known path does not take with 405 `METHOD_NOT_ALLOWED` and the methods it
 * does take in `Allow`, and `OPTIONS` on a known path with 204 and the same `Allow`: before any
 * session, limit or body, since nothing will be done. Any other request goes on, to its route
 * or to the 404 of a path that does not exist.
 */
export function methodNotAllowed(routes: readonly KnownRoute[]): NodeMiddleware {
  const compiled = routes.map(compile);
  return (req, res, next) => {
    const method = req.method ?? '';
    const path = (req.url ?? '').split('?', 1)[0] ?? '';
    const wanted = method === 'HEAD' ? 'GET' : method;
    const allowed = new Set<string>();
    for (const route of compiled) {
      const match = route.pattern.exec(path);
      if (!match) continue;
      if (route.method === wanted) {
        next();
        return;
      }
      if (!route.off && namesSomething(route, match.slice(1))) allowed.add(route.method);
    }
    if (allowed.size === 0) {
      next();
      return;
    }
    if (allowed.has('GET')) allowed.add('HEAD');
    const allow = METHOD_ORDER.filter((known) => allowed.has(known)).join(', ');
    res.setHeader('Allow', allow);
    if (method === 'OPTIONS') {
      res.statusCode = 204;
      res.end();
      return;
    }
    sendError(
      res,
      new AppError('METHOD_NOT_ALLOWED', `${path} does not take ${method}; it takes ${allow}.`),
    );
  };
}
