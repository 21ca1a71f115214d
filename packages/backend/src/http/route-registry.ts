import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Express } from 'express';
import { sendError } from './errors.js';
import type { NodeMiddleware } from './node-middleware.js';
import { requestContext } from './request-context.js';

export type RouteMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/**
 * The middleware a route goes through after the ones every request does (see `HttpPipelines`):
 * `open` nothing more (probes, documentation, metrics: no session, no cookie); `shopper` the
 * per-address limit, the session, the per-session limit and the JSON body; `organizer` the
 * per-address limit, the bearer token and the JSON body; `stream` its own, instead of the
 * common ones, since a stream stays open as long as its page does.
 */
export type PipelineName = 'open' | 'stream' | 'shopper' | 'organizer' | 'door';

/** Percent-decoded; a segment that cannot be decoded is missing, and so names nothing. */
export type RouteParams = Partial<Record<string, string>>;

/** Written over `node:http`'s request and response, so Express and the listener can both run it. */
export type RouteHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  params: RouteParams,
) => void | Promise<void>;

/** One route of the API: the one place its method, path, operation and middleware are named. */
export interface ApiRoute {
  method: RouteMethod;
  /** Express-style: `:name` segments are parameters. Also the route's metrics label. */
  path: string;
  /** Its entry in the OpenAPI document (`OPERATIONS` in src/openapi/operations.ts). */
  operationId: string;
  pipeline: PipelineName;
  /**
   * Also answered by the request listener before Express, through the very same middleware:
   * Express's router and its request and response objects cost a checkout about twice the CPU,
   * and a stream about twice the memory (see docs/performance.md).
   */
  fast?: true;
  /** The route's own middleware, after its pipeline's. */
  before?: readonly NodeMiddleware[];
  handle: RouteHandler;
}

export interface CompiledPath {
  pattern: RegExp;
  names: string[];
}

/** Matched as Express matches: without regard to case, with or without a trailing slash. */
export function compilePath(path: string): CompiledPath {
  const names: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { pattern: new RegExp(`^${source}/?$`, 'i'), names };
}

export function decodedSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Takes a request it matches and answers it; false, having done nothing, for any other. */
export type FastRoute = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * The route as the listener answers it: `chain` runs in order, then the handler. Whatever any of
 * them throws, rejects with or passes to `next` is answered as every error is (see `sendError`).
 */
export function fastRoute(route: ApiRoute, chain: readonly NodeMiddleware[]): FastRoute {
  const { pattern, names } = compilePath(route.path);
  const methods = route.method === 'GET' ? ['GET', 'HEAD'] : [route.method];
  const steps = [...chain, ...(route.before ?? [])];
  return (req, res) => {
    if (!methods.includes(req.method ?? '')) return false;
    const match = pattern.exec((req.url ?? '').split('?', 1)[0] ?? '');
    if (!match) return false;
    requestContext(req).route = route.path;
    const params: RouteParams = {};
    names.forEach((name, index) => {
      params[name] = decodedSegment(match[index + 1] ?? '');
    });
    const fail = (error: unknown): void => {
      if (res.headersSent) res.destroy();
      else sendError(res, error);
    };
    const step = (index: number, refused?: unknown): void => {
      if (refused !== undefined) {
        fail(refused);
        return;
      }
      try {
        const middleware = steps[index];
        if (middleware) {
          middleware(req, res, (error) => {
            step(index + 1, error);
          });
          return;
        }
        const handled = route.handle(req, res, params);
        if (handled) handled.catch(fail);
      } catch (error) {
        fail(error);
      }
    };
    step(0);
    return true;
  };
}

const EXPRESS_METHOD = { GET: 'get', POST: 'post', PATCH: 'patch', DELETE: 'delete' } as const;

/** The route in Express, through `chain` (what the app has not already run for it). */
export function mountRoute(app: Express, route: ApiRoute, chain: readonly NodeMiddleware[]): void {
  app[EXPRESS_METHOD[route.method]](
    route.path,
    (req, _res, next) => {
      requestContext(req).route = route.path;
      next();
    },
    ...chain,
    ...(route.before ?? []),
    // Only a wildcard's parameter is an array, and no path in the registry has one.
    (req, res) => route.handle(req, res, req.params as RouteParams),
  );
}
