import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/config.js';

export type { Logger };

/**
 * The server's logger: one JSON object per line on stdout, or on `destination` (tests read it).
 * Lines are never pretty-printed here; `npm run dev` pipes them through pino-pretty.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      // Level names rather than pino's numbers, so a person or a log search can read them as is.
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
