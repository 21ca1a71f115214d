import { once } from 'node:events';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../../observability/logger.js';

export interface WalCheckpointer {
  stop(): Promise<void>;
}

/**
 * The worker's code. It is plain JavaScript handed over as a string, so the same code runs
 * whether the server was built or runs from TypeScript sources (a worker file would be `.ts`
 * then, which a worker thread cannot load).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 0');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
function run() {
  try { checkpoint.run(); } catch { /* another process is checkpointing: next round */ }
}
const timer = setInterval(run, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  run();
  db.close();
  parentPort.close();
});
`;

/**
 * Copies the WAL back into the database file every `intervalMs`, from a worker thread with a
 * connection of its own. A checkpoint writes and syncs many pages; done inside a commit on the
 * main thread (SQLite's default), it stalls every request queued behind it.
 */
export function startWalCheckpointer(
  file: string,
  logger: Logger,
  intervalMs = 250,
): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, intervalMs, driver },
  });
  let running = true;
  worker.on('error', (error) => {
    running = false;
    // SQLite's own automatic checkpoint remains; the server goes on without the worker.
    logger.error({ err: error }, 'WAL checkpointer stopped');
  });
  worker.unref();
  return {
    async stop() {
      if (!running) return;
      running = false;
      // Unref'd, the worker would not keep the process alive until it exits: a process with
      // nothing else left would end here, before the database is closed and "Stopped" logged.
      worker.ref();
      worker.postMessage('stop');
      await once(worker, 'exit');
    },
  };
}
