import net, { type AddressInfo } from 'node:net';

/** A port of 127.0.0.1 that was free a moment ago: nothing listens there, unless taken since. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  return port;
}
