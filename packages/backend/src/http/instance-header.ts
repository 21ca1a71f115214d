import type { RequestListener } from 'node:http';

/** Names the instance that answered in an `X-Instance` header on every response. */
export function withInstanceHeader(instance: string, listener: RequestListener): RequestListener {
  return (req, res) => {
    res.setHeader('X-Instance', instance);
    listener(req, res);
  };
}
