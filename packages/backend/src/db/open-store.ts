import type { Config } from '../config/config.js';
import type { Logger } from '../observability/logger.js';
import { openSqliteStore, type DbMetrics } from './sqlite/store.js';
import type { Store } from './store.js';

/**
 * The store the configuration names. A server passes its logger: the store's background work
 * (SQLite's WAL checkpoints) then runs, and reports there.
 */
export function openStore(
  config: Pick<Config, 'databasePath'>,
  options: { server?: { logger: Logger }; metrics?: DbMetrics } = {},
): Store {
  return openSqliteStore(config.databasePath, undefined, {
    metrics: options.metrics,
    checkpointer: options.server,
  });
}
