import { createRequestListener, createServices } from './app.js';
import { FRONTEND_DIST_DIR, type Config } from './config/config.js';
import { openStore } from './db/open-store.js';
import { seedIfEmpty } from './db/seed.js';
import { drainable } from './http/drain.js';
import { withInstanceHeader } from './http/instance-header.js';
import { listen } from './http/server.js';
import { followDatabaseClock } from './jobs/database-clock.js';
import { expireHoldsAlone, startHoldExpiryJob } from './jobs/hold-expiry.js';
import { systemClock } from './lib/clock.js';
import { devMailPageOn } from './modules/mail/dev-mail.routes.js';
import { startMailDelivery } from './modules/mail/delivery.js';
import { createThreadedTransport } from './modules/mail/sender-thread.js';
import { createLogger, type Logger } from './observability/logger.js';
import { createMetrics } from './observability/metrics.js';
import { openSharedCounts } from './redis/shared-counts.js';

export interface StartOptions {
  /**
   * Which instance this is, sent in an `X-Instance` header on every response: for a person
   * trying several instances on one port to see which one answered.
   */
  instance?: string;
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * config → store → migrations → the clock → first-run seed → listen → cleanup job and mail. Instances on
 * several hosts go by the database's clock, so that they agree on when a hold runs out.
 */
export async function start(
  config: Config,
  logger: Logger = createLogger(config.logLevel),
  options: StartOptions = {},
): Promise<RunningServer> {
  const metrics = createMetrics();
  const store = openStore(config, { server: { logger }, metrics });
  await store.migrate();
  const clock = store.databaseTime
    ? await followDatabaseClock({ databaseTime: store.databaseTime, logger })
    : { ...systemClock, stop: () => undefined };
  const seeded = await seedIfEmpty(store, clock.now());
  if (seeded > 0) logger.info(`New database: added ${seeded} demo concerts`);

  const sharedCounts =
    config.redis && openSharedCounts(config.redis, { logger, clock: systemClock, metrics });
  await sharedCounts?.firstAttempt;
  const deps = {
    config,
    store,
    clock,
    frontendDir: FRONTEND_DIST_DIR,
    logger,
    metrics,
    sharedCounts,
  };
  const services = createServices(deps);
  // Holds that ran out while no server was running (after a crash, say) go before any request,
  // unless another instance is sweeping them already.
  await expireHoldsAlone(services);
  const listener = createRequestListener(deps, services);
  const server = await listen(
    options.instance === undefined ? listener : withInstanceHeader(options.instance, listener),
    config,
  );
  const drain = drainable(server);
  const job = startHoldExpiryJob(services, config.holdCleanupIntervalMs, logger);
  const transport = createThreadedTransport({
    config: config.mail,
    publicUrl: config.http.publicUrl,
    databaseSecret: store.signingSecret(),
  });
  const mail = startMailDelivery({ store, clock, logger, transport }, config.mail.pollIntervalMs);
  logger.info(
    config.mail.smtpUrl === undefined
      ? `Mail goes to .eml files in ${transport.destination}${devMailPageOn(config) ? ', listed at /api/dev/mail' : ''} (set SMTP_URL to send it)`
      : `Mail goes to ${transport.destination}`,
  );

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
      await mail.stop();
      clock.stop();
      await store.close();
      // Last: the streams just ended give their places back through it.
      await sharedCounts?.close();
    },
  };
}
