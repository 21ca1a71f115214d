import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createLogger } from '../observability/logger.js';
import { connectRedis, type RedisReply } from '../redis/redis.js';

/** Redis did not answer when the run began: its cases are skipped (the run says so once). */
export function redisSkipped(): boolean {
  return inject('redisUrl') === null;
}

export interface TestRedis {
  url: string;
  /** Of this test alone, so runs and tests side by side never count in each other's keys. */
  keyPrefix: string;
  send(...args: string[]): Promise<RedisReply>;
  /** The keys written under the prefix so far. */
  keys(): Promise<string[]>;
  /** Deletes every key under the prefix and closes the connection. */
  remove(): Promise<void>;
}

/** A key prefix of the test's own on the test Redis, for tests skipped where none answers. */
export function testRedis(): TestRedis {
  const url = inject('redisUrl');
  if (url === null) throw new Error('Redis does not answer: skip this test without it');
  const keyPrefix = `test:${randomBytes(6).toString('hex')}:`;
  const redis = connectRedis(url, { logger: createLogger('silent'), commandTimeoutMs: 5000 });
  async function keys(): Promise<string[]> {
    const found: string[] = [];
    let cursor = '0';
    do {
      const reply = await redis.send(['SCAN', cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', '1000']);
      if (!Array.isArray(reply)) throw new Error(`SCAN answered ${String(reply)}`);
      cursor = String(reply[0]);
      found.push(...(reply[1] as unknown as string[]));
    } while (cursor !== '0');
    return found.sort();
  }
  return {
    url,
    keyPrefix,
    send: (...args) => redis.send(args),
    keys,
    async remove() {
      const written = await keys();
      if (written.length > 0) await redis.send(['DEL', ...written]);
      await redis.close();
    },
  };
}
