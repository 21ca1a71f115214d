import cors from 'cors';
import helmet from 'helmet';
import type { NodeMiddleware } from './node-middleware.js';

/**
 * Helmet's headers for documents, with a Content-Security-Policy that fits the built web app: its
 * one script and one stylesheet are files of this origin, nothing is inline, and it calls only
 * this origin. The API's reference page and its files run under the same policy.
 */
function documentHeaders(): NodeMiddleware {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        'font-src': ["'self'"],
        'style-src': ["'self'"],
        // Every URL the app loads is relative, so there is nothing to upgrade, and the directive
        // would break the app wherever it is served over plain http (a LAN, a demo).
        'upgrade-insecure-requests': null,
      },
    },
  });
}

/**
 * The headers OWASP's REST Security Cheat Sheet asks of every API answer: not stored by any
 * cache (a hold or a booking is one shopper's), never framed, never sniffed as another type,
 * HTTPS only; and not readable by other origins' pages. The others govern documents, which a JSON
 * answer never is; sending them with every checkout cost a ticket drop about 5% of its throughput.
 */
function apiAnswerHeaders(): NodeMiddleware {
  const answerHelmet = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] },
    },
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    referrerPolicy: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xFrameOptions: { action: 'deny' },
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  });
  return (req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    answerHelmet(req, res, next);
  };
}

const API = /^\/api(?:[/?]|$)/i;
const API_REFERENCE = /^\/api\/docs(?:[/?]|$)/i;

/**
 * Security headers on every response: the API's answers get theirs, and documents (the web app,
 * its files, the API's reference page) theirs. The headers are computed once here; each response
 * just sets them. Plain `node:http` middleware, so the routes answered before Express get them too.
 */
export function securityHeaders(): NodeMiddleware {
  const documents = documentHeaders();
  const answers = apiAnswerHeaders();
  return (req, res, next) => {
    const url = req.url ?? '';
    const isAnswer = API.test(url) && !API_REFERENCE.test(url);
    (isAnswer ? answers : documents)(req, res, next);
  };
}

/**
 * Helmet's headers that mean something for an event stream: no MIME sniffing, no reads from other
 * origins' pages, HTTPS only. The rest (the Content-Security-Policy, framing, referrer and opener
 * policies) govern documents, which a stream never is; a stream stays open as long as its page,
 * and those headers would be kept in memory all that time, for every watcher.
 */
export function streamSecurityHeaders(): NodeMiddleware {
  return helmet({
    contentSecurityPolicy: false,
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    referrerPolicy: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xFrameOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  });
}

/**
 * Lets a web app on another origin of the same site call the API with the session cookie. The
 * headers a client needs to back off are exposed to it; preflights are cached for 10 minutes so
 * each write does not cost two requests.
 */
export function crossOrigin(origins: string[]): ReturnType<typeof cors>[] {
  if (origins.length === 0) return [];
  return [
    cors({
      origin: origins,
      credentials: true,
      exposedHeaders: ['Retry-After', 'RateLimit', 'RateLimit-Policy'],
      maxAge: 600,
    }),
  ];
}
