import { constants } from 'node:os';
import { createRequestListener, createServices } from './app.js';
import { ConfigError, FRONTEND_DIST_DIR, loadConfig, type Config } from './config/config.js';
import { openStore } from './db/open-store.js';
import { seedIfEmpty } from './db/seed.js';
import { drainable } from './http/drain.js';
import { listen } from './http/server.js';
import { expireHolds, startHoldExpiryJob } from './jobs/hold-expiry.js';
import { systemClock } from './lib/clock.js';
import { createLogger, exitOnceLogged, type Logger } from './observability/logger.js';
import { createMetrics } from './observability/metrics.js';

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/** config → store → migrations → first-run seed → listen → cleanup job. */
export async function start(
  config: Config,
  logger: Logger = createLogger(config.logLevel),
): Promise<RunningServer> {
  const metrics = createMetrics();
  const store = openStore(config, { server: { logger }, metrics });
  await store.migrate();
  const seeded = await seedIfEmpty(store, systemClock.now());
  if (seeded > 0) logger.info(`New database: added ${seeded} demo concerts`);

  const deps = {
    config,
    store,
    clock: systemClock,
    frontendDir: FRONTEND_DIST_DIR,
    logger,
    metrics,
  };
  const services = createServices(deps);
  // Holds that ran out while no server was running (after a crash, say) go before any request.
  await expireHolds(services);
  const server = await listen(createRequestListener(deps, services), config);
  const drain = drainable(server);
  const job = startHoldExpiryJob(services, config.holdCleanupIntervalMs, logger);

  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    url: `http://${config.host}:${port}`,
    /** Stops taking connections, ends the streams, waits for requests in flight, then closes. */
    async stop() {
      // The port closes first, so no stream can open after the hub has ended them all.
      const drained = drain.drain(config.shutdownTimeoutMs);
      services.hub.close();
      const cut = await drained;
      if (cut > 0) {
        logger.warn(`Cut ${cut} request(s) still running after ${config.shutdownTimeoutMs} ms`);
      }
      await job.stop();
      await store.close();
    },
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // LOG_LEVEL may be among the bad variables: this one line is logged whatever it says.
    const logger = createLogger('info');
    logger.fatal({ problems: error.problems }, 'Invalid configuration');
    exitOnceLogged(logger, 1);
    return;
  }
  const logger = createLogger(config.logLevel);
  const server = await start(config, logger);
  logger.info(
    { url: server.url, databasePath: config.databasePath },
    `Ticket booking API listening on ${server.url}`,
  );
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
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
}

await main();
