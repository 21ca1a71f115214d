import type { IncomingMessage } from 'node:http';
import { ipKeyGenerator } from 'express-rate-limit';
import proxyAddr from 'proxy-addr';
import type { NodeMiddleware } from './node-middleware.js';
import { requestContext } from './request-context.js';

/**
 * The client's address as Express's `req.ip` gives it under the same `trust proxy` setting. With
 * no proxy trusted, a request that names a client in `X-Forwarded-For` is most likely coming
 * through a proxy the server was not told of, and then every client has the proxy's address:
 * `onIgnoredForward` hears of the first such request, so that an operator can set TRUST_PROXY.
 */
export function clientAddressOf(
  trustProxy: boolean | number | string,
  onIgnoredForward: () => void = () => undefined,
): (req: IncomingMessage) => string {
  let trust: (address: string, hop: number) => boolean;
  if (typeof trustProxy === 'boolean') trust = () => trustProxy;
  else if (typeof trustProxy === 'number') trust = (_address, hop) => hop < trustProxy;
  else trust = proxyAddr.compile(trustProxy.split(',').map((entry) => entry.trim()));
  let warned = trustProxy !== false;
  return (req) => {
    if (!warned && req.headers['x-forwarded-for'] !== undefined) {
      warned = true;
      onIgnoredForward();
    }
    return proxyAddr(req, trust);
  };
}

/**
 * Keeps the client's address on the request's context for the services' per-address limits:
 * IPv6 addresses grouped by their /56, one household, as the write limits count them; and
 * whether it is in `sharedAddresses`, the ranges many shoppers share.
 */
export function clientAddressRecorded(
  addressOf: (req: IncomingMessage) => string,
  sharedAddresses: readonly string[] = [],
): NodeMiddleware {
  const shared =
    sharedAddresses.length === 0 ? () => false : proxyAddr.compile([...sharedAddresses]);
  return (req, _res, next) => {
    const address = addressOf(req);
    const context = requestContext(req);
    context.clientAddress = ipKeyGenerator(address);
    context.sharedAddress = shared(address, 0);
    next();
  };
}
