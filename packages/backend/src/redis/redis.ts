import { createClient, ErrorReply } from '@redis/client';
import { withoutPassword } from '../config/config.js';
import type { Logger } from '../observability/logger.js';

/** A reply as a raw command returns it: what the limits' scripts and commands answer. */
export type RedisReply = boolean | number | string | (boolean | number | string)[];

/** One connection to Redis, for the counts the limits share between instances. */
export interface RedisConnection {
  /**
   * Sends one command. Rejects at once while Redis is not connected (nothing is queued for
   * later) and after `commandTimeoutMs` when it does not answer: a count that cannot be read in
   * time is not worth holding a shopper's request for.
   */
  send(args: string[]): Promise<RedisReply>;
  /**
   * Settles once the first attempt to connect has: connected, or failed (the connection goes on
   * trying in the background). Never rejects.
   */
  firstAttempt: Promise<void>;
  /** Waits for the replies still due, then closes the connection. */
  close(): Promise<void>;
}

export interface RedisOptions {
  logger: Logger;
  commandTimeoutMs?: number;
}

/**
 * Redis answers in well under a millisecond. The wait is long all the same, as it runs on this
 * process's event loop, which a busy moment (a garbage collection) can hold up for a while.
 */
const COMMAND_TIMEOUT_MS = 1000;
/** How long a stopping server waits for the replies still due before it drops the connection. */
const CLOSE_TIMEOUT_MS = 1000;

/** Reconnection attempts come this much later each time, up to two seconds apart. */
function reconnectDelay(attempts: number): number {
  return Math.min(attempts * 100, 2000);
}

/**
 * Connects in the background and keeps reconnecting: the server starts and answers whether or
 * not Redis does. The log says once when Redis stops answering and once when it answers again.
 */
export function connectRedis(url: string, options: RedisOptions): RedisConnection {
  const { logger } = options;
  const shown = withoutPassword(url);
  const client = createClient({
    url,
    disableOfflineQueue: true,
    // A start waits for the first attempt: two seconds at most where Redis does not answer.
    socket: { connectTimeout: 2000, reconnectStrategy: reconnectDelay },
    // The timeout covers a command already sent too, so a Redis that hangs cannot hold requests.
    commandOptions: {
      timeout: options.commandTimeoutMs ?? COMMAND_TIMEOUT_MS,
      rejectInFlight: true,
    },
  });
  let answering = true;
  let closed = false;
  let attempted!: () => void;
  const firstAttempt = new Promise<void>((resolve) => {
    attempted = resolve;
  });
  const down = (error: unknown) => {
    attempted();
    if (!answering) return;
    answering = false;
    logger.warn(
      { err: error },
      `Redis does not answer at ${shown}: the limits let requests through unchecked until it does`,
    );
  };
  const up = () => {
    attempted();
    if (answering) return;
    answering = true;
    logger.info(`Redis answers again at ${shown}: the limits count again`);
  };
  // Without a listener, a connection error would end the process.
  client.on('error', down);
  client.on('ready', up);
  client.connect().catch(() => undefined);
  return {
    firstAttempt,
    async send(args) {
      try {
        const reply = await client.sendCommand<RedisReply>(args);
        up();
        return reply;
      } catch (error) {
        // An error reply (a script Redis forgot on restart) is an answer all the same; a
        // command after close (a stream ending as the server stops) tells nothing of Redis.
        if (error instanceof ErrorReply) up();
        else if (!closed) down(error);
        throw error;
      }
    },
    async close() {
      closed = true;
      if (!client.isReady) {
        client.destroy();
        return;
      }
      // A Redis that hangs would hold the server's stop for as long.
      const timer = setTimeout(() => {
        client.destroy();
      }, CLOSE_TIMEOUT_MS);
      try {
        await client.close();
      } catch {
        // Dropped: the places it was giving back run out with their lease.
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** Whether a Redis server answers at `url`: for tests that run only where one does. */
export async function redisAnswers(url: string): Promise<boolean> {
  const client = createClient({
    url,
    socket: { connectTimeout: 2000, reconnectStrategy: false },
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    if (client.isOpen) client.destroy();
  }
}
