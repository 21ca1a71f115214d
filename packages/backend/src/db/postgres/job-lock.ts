import type { Client } from './driver.js';

/** A job's advisory lock, a 64-bit key of its name; the migrations' lock has another. */
const JOB_LOCK = "hashtextextended('ticket-booking job: ' || $1, 0)";

/**
 * Runs `job` holding the job's session-level advisory lock, on a connection of its own, or
 * resolves false at once if another session holds it. The job's own writes go through the pool:
 * a job runs for many transactions, far longer than one. Closing the connection gives the lock
 * back, however the job ended; a connection lost meanwhile gives it back too, and another
 * instance may then start the same job: harmless, as every write takes its row locks.
 */
export async function runAlone(
  connect: () => Client,
  name: string,
  job: () => Promise<void>,
): Promise<boolean> {
  const client = connect();
  // A dropped connection only ends the lock; without a listener its error would end the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ taken: boolean }>(
      `SELECT pg_try_advisory_lock(${JOB_LOCK}) AS taken`,
      [name],
    );
    if (rows[0]?.taken !== true) return false;
    await job();
    return true;
  } finally {
    await client.end().catch(() => undefined);
  }
}
