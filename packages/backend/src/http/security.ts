import cors from 'cors';
import helmet from 'helmet';

/**
 * Helmet's headers on every response, with a Content-Security-Policy that fits the built web
 * app: its one script and one stylesheet are files of this origin, nothing is inline, and it
 * calls only this origin. The headers are computed once here; each response just sets them.
 * Plain `node:http` middleware, so the streams answered before Express get them too.
 */
export function securityHeaders(): ReturnType<typeof helmet> {
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
 * Helmet's headers that mean something for an event stream: no MIME sniffing, no reads from other
 * origins' pages, HTTPS only. The rest (the Content-Security-Policy, framing, referrer and opener
 * policies) govern documents, which a stream never is; a stream stays open as long as its page,
 * and those headers would be kept in memory all that time, for every watcher.
 */
export function streamSecurityHeaders(): ReturnType<typeof helmet> {
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
