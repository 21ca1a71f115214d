/**
 * `npm run cluster -- --instances N`: N server processes on one host, sharing one port and one
 * database, to try the product as it runs scaled out. node:cluster's primary owns the port and
 * hands each new connection to the next instance in turn; it replaces an instance that dies, and
 * on SIGTERM or SIGINT stops them all as `npm start` stops (see docs/scaling.md).
 */
import cluster, { type Worker } from 'node:cluster';
import { constants } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { INSTANCE_READY } from './cluster-ready.js';
import { loadClusterConfig, type ClusterConfig } from './config/cluster-options.js';
import { ConfigError } from './config/config.js';
import { createLogger, exitOnceLogged, type Logger } from './observability/logger.js';

/** The pause before replacing an instance that died while starting: its database down, say. */
const RESTART_DELAY_MS = 1000;

const here = fileURLToPath(import.meta.url);
/** The worker beside this file: `.ts` when run from the sources, `.js` once built. */
const WORKER_FILE = path.join(path.dirname(here), `cluster-worker${path.extname(here)}`);

function runCluster({ instances, config }: ClusterConfig, logger: Logger): void {
  cluster.setupPrimary({ exec: WORKER_FILE });
  const live = new Set<Worker>();
  let port: number | undefined;
  let readyCount = 0;
  let started = false;
  let stopping: { signal: NodeJS.Signals | undefined; exitCode: number } | undefined;
  let pendingRestart: NodeJS.Timeout | undefined;

  function fork(): void {
    const worker = cluster.fork();
    live.add(worker);
    let ready = false;
    worker.once('listening', (address) => {
      port = address.port;
    });
    worker.on('message', (message) => {
      if (message !== INSTANCE_READY) return;
      ready = true;
      if (started) {
        logger.info({ instance: worker.process.pid }, 'A new instance took the place');
        return;
      }
      readyCount += 1;
      // The first instance migrates and seeds the database alone; the others find it ready.
      if (readyCount === 1) {
        for (let i = 1; i < instances; i += 1) fork();
      }
      if (readyCount === instances) {
        started = true;
        const url = `http://${config.host}:${String(port)}`;
        logger.info({ instances, url }, `Cluster of ${instances} instances listening on ${url}`);
      }
    });
    // `code` is null when a signal ended the worker, whatever Node's types say.
    worker.once('exit', (code: number | null, signal: NodeJS.Signals | null) => {
      live.delete(worker);
      const how = signal ?? `code ${String(code)}`;
      if (stopping) {
        // Killed by SIGTERM while starting, it had nothing to stop; any other end is a failure.
        const clean = code === 0 || signal === 'SIGTERM';
        if (!clean && stopping.exitCode === 0) stopping.exitCode = 1;
        if (live.size === 0) exitWhenStopped();
        return;
      }
      if (!started) {
        logger.fatal(
          { instance: worker.process.pid },
          `An instance exited with ${how} while the cluster was starting: stopping`,
        );
        stopAll(undefined, 1);
        return;
      }
      logger.warn({ instance: worker.process.pid }, `An instance exited with ${how}: replacing it`);
      pendingRestart = setTimeout(fork, ready ? 0 : RESTART_DELAY_MS);
    });
  }

  function exitWhenStopped(): void {
    if (!stopping) return;
    const { signal, exitCode } = stopping;
    logger.info(signal ? 'Stopped' : 'Cluster not started');
    exitOnceLogged(logger, exitCode);
  }

  function stopAll(signal: NodeJS.Signals | undefined, exitCode: number): void {
    stopping = { signal, exitCode };
    clearTimeout(pendingRestart);
    for (const worker of live) worker.process.kill('SIGTERM');
    if (live.size === 0) exitWhenStopped();
  }

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) {
        // Asked again: each instance is asked again too, and exits without waiting.
        logger.error(`${signal} again: stopping the instances without waiting`);
        stopping.exitCode = 128 + constants.signals[signal];
        for (const worker of live) worker.process.kill('SIGTERM');
        return;
      }
      logger.info(`${signal}: stopping ${live.size} instance(s)`);
      stopAll(signal, 0);
    });
  }

  if (config.databaseUrl === undefined) {
    logger.info(
      `SQLite: the ${instances} instances share the file ${config.databasePath} on this host; several hosts need PostgreSQL (DATABASE_URL)`,
    );
  }
  fork();
}

function main(): void {
  let clusterConfig: ClusterConfig;
  try {
    clusterConfig = loadClusterConfig(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const logger = createLogger('info');
    logger.fatal({ problems: error.problems }, 'Invalid configuration');
    exitOnceLogged(logger, 1);
    return;
  }
  runCluster(clusterConfig, createLogger(clusterConfig.config.logLevel));
}

main();
