import net from 'node:net';

export interface TcpProxy {
  /** `127.0.0.1:<port>`, to put in a URL in place of the server's. */
  host: string;
  /** Keeps the connections open but passes nothing more on: the server seems to hang. */
  stall(): void;
  /** Drops every connection and refuses new ones: the server seems to be down. */
  cut(): void;
  /** Passes everything on again, to new connections. */
  restore(): void;
  close(): Promise<void>;
}

/** A TCP proxy on 127.0.0.1 in front of `target`, for tests of a server that stops answering. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let state: 'passing' | 'stalled' | 'cut' = 'passing';
  const pairs = new Set<[net.Socket, net.Socket]>();
  const server = net.createServer((client) => {
    if (state === 'cut') {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    const forget = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    for (const [from, to] of [pair, [upstream, client] as const]) {
      from.on('data', (chunk) => {
        if (state === 'passing') to.write(chunk);
      });
      from.on('close', forget);
      from.on('error', forget);
    }
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  function cut(): void {
    state = 'cut';
    for (const [client, upstream] of pairs) {
      client.destroy();
      upstream.destroy();
    }
    pairs.clear();
  }
  return {
    host: `127.0.0.1:${port}`,
    stall() {
      state = 'stalled';
    },
    cut,
    restore() {
      state = 'passing';
    },
    close() {
      cut();
      return new Promise((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
}
