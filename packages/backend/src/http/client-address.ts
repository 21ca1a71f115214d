import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/**
 * The client's address as Express's `req.ip` gives it under the same `trust proxy` setting, for
 * the requests answered before Express (the availability streams).
 */
export function clientAddressOf(
  trustProxy: boolean | number | string,
): (req: IncomingMessage) => string {
  let trust: (address: string, hop: number) => boolean;
  if (typeof trustProxy === 'boolean') trust = () => trustProxy;
  else if (typeof trustProxy === 'number') trust = (_address, hop) => hop < trustProxy;
  else trust = proxyAddr.compile(trustProxy.split(',').map((entry) => entry.trim()));
  return (req) => proxyAddr(req, trust);
}
