import type { Config } from '../config/config.js';
import type { Logger } from '../observability/logger.js';
import { DEFAULT_WRITE_RETRY, openPostgresStore } from './postgres/store.js';
import { openSqliteStore } from './sqlite/store.js';
import type { DbMetrics, Store } from './store.js';

/**
 * The store the configuration names: PostgreSQL at DATABASE_URL if it is set, the SQLite file
 * at DATABASE_PATH otherwise. A server passes its logger: the store's background work (SQLite's
 * WAL checkpoints, PostgreSQL's change feed) then reports there, and SQLite's checkpoints run.
 */
export function openStore(
  config: Pick<Config, 'databasePath' | 'databaseUrl' | 'postgres'>,
  options: { server?: { logger: Logger }; metrics?: DbMetrics } = {},
): Store {
  if (config.databaseUrl !== undefined) {
    return openPostgresStore(config.databaseUrl, {
      poolSize: config.postgres.poolSize,
      acquireTimeoutMs: config.postgres.poolWaitMs,
      retry: { ...DEFAULT_WRITE_RETRY, lockTimeoutMs: config.postgres.lockTimeoutMs },
      metrics: options.metrics,
      logger: options.server?.logger,
    });
  }
  return openSqliteStore(config.databasePath, undefined, {
    metrics: options.metrics,
    checkpointer: options.server,
  });
}
