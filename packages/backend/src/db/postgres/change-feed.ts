import type { Logger } from '../../observability/logger.js';
import type { ChangeFeed } from '../store.js';
import type { Client } from './driver.js';

/** The channel on which every instance says that it committed a change to a concert's counts. */
export const CHANGES_CHANNEL = 'availability_changed';

const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5000;

export interface ListeningChangeFeed extends ChangeFeed {
  close(): Promise<void>;
}

/**
 * A change feed from LISTEN on one connection of its own, opened while anyone listens. What this
 * instance sent itself (the payload is its own id) is left out: its services announced it
 * already. A dropped connection is opened again with back-off. Each time it starts listening,
 * the first time too, the listeners are called, as changes committed before went unheard (what
 * a new watcher was sent may already be stale): they re-read.
 */
export function listeningChangeFeed(
  connect: () => Client,
  self: string,
  logger?: Logger,
): ListeningChangeFeed {
  const listeners = new Set<() => void>();
  let client: Client | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryMs = FIRST_RETRY_MS;
  let announced = false;

  function announce(): void {
    if (announced) return;
    announced = true;
    // Coalesced: a burst of notifications in one turn of the event loop is one call.
    setImmediate(() => {
      announced = false;
      for (const listener of listeners) listener();
    });
  }

  function open(): void {
    const current = connect();
    client = current;
    const dropped = () => {
      if (client !== current) return;
      client = undefined;
      void current.end().catch(() => undefined);
      if (listeners.size === 0) return;
      logger?.warn(`The change feed lost its database connection; retrying in ${retryMs} ms`);
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        if (listeners.size > 0) open();
      }, retryMs);
      retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
    };
    current.on('notification', (message) => {
      if (message.payload !== self) announce();
    });
    current.on('error', dropped);
    current.on('end', dropped);
    current
      .connect()
      .then(() => current.query(`LISTEN ${CHANGES_CHANNEL}`))
      .then(() => {
        if (client !== current) return;
        retryMs = FIRST_RETRY_MS;
        announce();
      }, dropped);
  }

  async function stop(): Promise<void> {
    clearTimeout(retryTimer);
    retryTimer = undefined;
    const current = client;
    client = undefined;
    await current?.end().catch(() => undefined);
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1 && !client && !retryTimer) open();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) void stop();
      };
    },
    async close() {
      listeners.clear();
      await stop();
    },
  };
}
