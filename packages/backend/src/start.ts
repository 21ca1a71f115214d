import { createRequestListener, createServices } from './app.js';
import { FRONTEND_DIST_DIR, type Config } from './config/config.js';
import { openDatabase } from './db/connection.js';
import { migrate } from './db/migrate.js';
import { seedIfEmpty } from './db/seed.js';
import { drainable } from './http/drain.js';
import { listen } from './http/server.js';
import { startHoldExpiryJob } from './jobs/hold-expiry.js';
import { startWalCheckpointer } from './jobs/wal-checkpoint.js';
import { systemClock } from './lib/clock.js';
import { expireHolds } from './modules/holds/holds.service.js';
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
      await checkpointer.stop();
      db.close();
    },
  };
}
