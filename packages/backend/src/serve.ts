import { constants } from 'node:os';
import { ConfigError, databaseShown, loadConfig, type Config } from './config/config.js';
import { DatabaseUnreachableError } from './db/store.js';
import { createLogger, exitOnceLogged } from './observability/logger.js';
import { start, type RunningServer } from './start.js';

export interface ServeOptions {
  /** The signals that stop the server gracefully; a second one while stopping exits at once. */
  stopSignals: readonly ('SIGINT' | 'SIGTERM')[];
  /** Named in an `X-Instance` header on every response, when given. */
  instance?: string;
}

/**
 * A server process's life: the configuration from the environment, then `start()`, then a
 * graceful stop on a signal. Resolves true once the server runs and the signals would stop it;
 * false if it could not start, and the process is exiting non-zero.
 */
export async function serve(options: ServeOptions): Promise<boolean> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // LOG_LEVEL may be among the bad variables: this one line is logged whatever it says.
    const logger = createLogger('info');
    logger.fatal({ problems: error.problems }, 'Invalid configuration');
    exitOnceLogged(logger, 1);
    return false;
  }
  const logger = createLogger(config.logLevel);
  let server: RunningServer;
  try {
    server = await start(config, logger, { instance: options.instance });
  } catch (error) {
    if (!(error instanceof DatabaseUnreachableError)) throw error;
    // PostgreSQL's host, database or password mistyped, or the server down: one line saying so,
    // not a driver's stack trace.
    const database = databaseShown(config);
    logger.fatal(
      { database },
      `DATABASE_URL: cannot use the database at ${database}: ${error.message}`,
    );
    exitOnceLogged(logger, 1);
    return false;
  }
  logger.info(
    { url: server.url, database: databaseShown(config) },
    `Ticket booking API listening on ${server.url}`,
  );
  let stopping = false;
  for (const signal of options.stopSignals) {
    process.on(signal, () => {
      if (stopping) {
        // Asked again while stopping: whoever sent it will not wait for requests in flight.
        logger.error(`${signal} again: exiting without waiting`);
        exitOnceLogged(logger, 128 + constants.signals[signal]);
        return;
      }
      stopping = true;
      const stopped = server.stop();
      logger.info(
        `${signal}: shutting down, no new connections; requests in flight get up to ${config.shutdownTimeoutMs} ms`,
      );
      stopped.then(
        () => {
          logger.info('Stopped');
          exitOnceLogged(logger, 0);
        },
        (error: unknown) => {
          logger.error({ err: error }, 'Shutdown failed');
          exitOnceLogged(logger, 1);
        },
      );
    });
  }
  return true;
}
