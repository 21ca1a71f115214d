import type { Server } from 'node:http';
import { createApp, createServices } from './app.js';
import { ConfigError, FRONTEND_DIST_DIR, loadConfig, type Config } from './config/config.js';
import { openDatabase } from './db/connection.js';
import { migrate } from './db/migrate.js';
import { seedIfEmpty } from './db/seed.js';
import { startHoldExpiryJob } from './jobs/hold-expiry.js';
import { startWalCheckpointer } from './jobs/wal-checkpoint.js';
import { systemClock } from './lib/clock.js';
import { createLogger, type Logger } from './observability/logger.js';
import { createMetrics } from './observability/metrics.js';

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/** config → database → migrations → first-run seed → listen → cleanup job. */
export async function start(
  config: Config,
  logger: Logger = createLogger(config.logLevel),
): Promise<RunningServer> {
  const metrics = createMetrics();
  // Checkpoints run in a worker thread; SQLite's own stays as a net, at 20,000 pages (80 MB).
  const db = openDatabase(config.databasePath, undefined, {
    walAutocheckpointPages: 20_000,
    metrics,
  });
  const checkpointer = startWalCheckpointer(config.databasePath, logger);
  migrate(db.sqlite);
  const seeded = await seedIfEmpty(db, systemClock.now());
  if (seeded > 0) logger.info(`New database: added ${seeded} demo concerts`);

  const deps = {
    config,
    db,
    clock: systemClock,
    frontendDir: FRONTEND_DIST_DIR,
    logger,
    metrics,
  };
  const services = createServices(deps);
  const app = createApp(deps, services);
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(config.port, config.host, (error?: Error) => {
      if (error) reject(error);
      else resolve(listening);
    });
  });
  const job = startHoldExpiryJob(services, config.holdCleanupIntervalMs, logger);

  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    url: `http://${config.host}:${port}`,
    async stop() {
      job.stop();
      services.hub.close();
      await checkpointer.stop();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      });
      db.close();
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
    createLogger('info').fatal({ problems: error.problems }, 'Invalid configuration');
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  const server = await start(config, logger);
  logger.info(
    { url: server.url, databasePath: config.databasePath },
    `Ticket booking API listening on ${server.url}`,
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void server.stop().then(() => process.exit(0));
    });
  }
}

await main();
