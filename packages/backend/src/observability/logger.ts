import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/config.js';

export type { Logger };

/**
 * The server's logger: one JSON object per line on stdout, or on `destination` (tests read it).
 * Lines are never pretty-printed here; `npm run dev` pipes them through pino-pretty.
 *
 * Stdout is written asynchronously: lines that come while a write is under way go out together
 * in the next one, and a request never waits for a slow reader of the logs. pino flushes what is
 * left when the process exits; a process killed outright can lose its last lines.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      // Level names rather than pino's numbers, so a person or a log search can read them as is.
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
