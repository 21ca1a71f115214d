import type { Config } from '../config/config.js';
import type { LimitMetrics, SharedCounts } from '../http/abuse-limits.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../observability/logger.js';
import { connectRedis } from './redis.js';
import { createStreamLeases } from './stream-leases.js';

export interface OpenSharedCounts extends SharedCounts {
  /**
   * Settles once the first attempt to reach Redis has: the limits made after it count from their
   * first request when Redis answers, and do not wait for it when it does not.
   */
  firstAttempt: Promise<void>;
  /** Stops renewing stream places and closes the connection, once its replies are in. */
  close(): Promise<void>;
}

/** The limits' counts in the Redis of REDIS_URL, shared by every instance that names it. */
export function openSharedCounts(
  redisConfig: NonNullable<Config['redis']>,
  deps: { logger: Logger; clock: Clock; metrics: LimitMetrics },
): OpenSharedCounts {
  const redis = connectRedis(redisConfig.url, { logger: deps.logger });
  const streams = createStreamLeases(redis, {
    keyPrefix: redisConfig.keyPrefix,
    clock: deps.clock,
    onUnchecked: () => {
      deps.metrics.limitUnchecked('streams');
    },
  });
  return {
    send: (args) => redis.send(args),
    keyPrefix: redisConfig.keyPrefix,
    streams,
    firstAttempt: redis.firstAttempt,
    async close() {
      streams.close();
      await redis.close();
    },
  };
}
