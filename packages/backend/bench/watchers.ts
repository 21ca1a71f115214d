/**
 * A separate process holding many SSE connections to one concert's availability stream (raw
 * sockets: a browser's EventSource per watcher would need more memory than the machine has).
 * Driven over IPC by the benchmark:
 *   { type: 'connect', url, concertId, count } → { type: 'connected', count }
 *   { type: 'expect', version, sentAt }        → { type: 'arrived', latestMs } once every watcher
 *                                                 has seen `version` (ms since `sentAt`)
 *   { type: 'state' }                          → { type: 'state', versions, lastData }
 */
import net from 'node:net';

interface Watcher {
  socket: net.Socket;
  buffer: string;
  version: number;
  data: string;
}

const watchers: Watcher[] = [];
let waiting: { version: number; sentAt: number; left: Set<Watcher> } | undefined;

function send(message: unknown): void {
  process.send?.(message);
}

function onEvent(watcher: Watcher, id: number, data: string): void {
  if (id <= watcher.version) return;
  watcher.version = id;
  watcher.data = data;
  if (waiting && id >= waiting.version && waiting.left.delete(watcher) && waiting.left.size === 0) {
    const latestMs = performance.timeOrigin + performance.now() - waiting.sentAt;
    waiting = undefined;
    send({ type: 'arrived', latestMs });
  }
}

function parse(watcher: Watcher): void {
  let end = watcher.buffer.indexOf('\n\n');
  while (end >= 0) {
    const block = watcher.buffer.slice(0, end);
    watcher.buffer = watcher.buffer.slice(end + 2);
    const id = /(?:^|\n)(?:[0-9a-f]+\r\n)?id: (\d+)/.exec(block)?.[1];
    const data = /(?:^|\n)data: (.*)/.exec(block)?.[1];
    if (id !== undefined && data !== undefined) onEvent(watcher, Number(id), data);
    end = watcher.buffer.indexOf('\n\n');
  }
}

let closing = false;

/**
 * Opens the watcher's stream; if the connection fails or drops, opens it again after a moment,
 * as a browser's EventSource does (with thousands connecting at once, the odd one is refused).
 */
function open(watcher: Watcher, host: string, port: number, concertId: string): void {
  const socket = net.connect(port, host);
  watcher.socket = socket;
  watcher.buffer = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    watcher.buffer += chunk;
    parse(watcher);
  });
  socket.on('error', () => undefined);
  socket.on('close', () => {
    if (closing) return;
    setTimeout(() => {
      open(watcher, host, port, concertId);
    }, 100);
  });
  const lastEventId = watcher.version >= 0 ? `Last-Event-ID: ${watcher.version}\r\n` : '';
  socket.write(
    `GET /api/concerts/${concertId}/availability/stream HTTP/1.1\r\nHost: ${host}\r\nAccept: text/event-stream\r\n${lastEventId}\r\n`,
  );
}

async function connect(url: string, concertId: string, count: number): Promise<void> {
  const { hostname, port } = new URL(url);
  for (let i = 0; i < count; i += 1) {
    const watcher: Watcher = { socket: new net.Socket(), buffer: '', version: -1, data: '' };
    open(watcher, hostname, Number(port), concertId);
    watchers.push(watcher);
    // Open connections in waves, as a backlog of thousands at once would be refused.
    if (i % 250 === 249) await new Promise((resolve) => setTimeout(resolve, 25));
  }
  // Connected once every watcher has its first snapshot.
  while (watchers.some((w) => w.version < 0)) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  send({ type: 'connected', count: watchers.length });
}

process.on('message', (message: { type: string; [key: string]: unknown }) => {
  if (message.type === 'connect') {
    void connect(String(message.url), String(message.concertId), Number(message.count));
  } else if (message.type === 'expect') {
    const version = Number(message.version);
    const left = new Set(watchers.filter((w) => w.version < version));
    waiting = { version, sentAt: Number(message.sentAt), left };
    if (left.size === 0) {
      waiting = undefined;
      send({ type: 'arrived', latestMs: 0 });
    }
  } else if (message.type === 'state') {
    send({
      type: 'state',
      versions: watchers.map((w) => w.version),
      lastData: [...new Set(watchers.map((w) => w.data))],
    });
  } else if (message.type === 'close') {
    closing = true;
    for (const watcher of watchers) watcher.socket.destroy();
    process.exit(0);
  }
});
