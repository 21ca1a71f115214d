import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/config.js';

export type { Logger };

/** sonic-boom in buffer mode, which its types leave out: it is given bytes, not text. */
interface ByteSink {
  write(bytes: Uint8Array): boolean;
}

type Stdout = ReturnType<typeof pino.destination>;

/**
 * Stdout, written asynchronously: lines that come while a write is under way go out together in
 * the next one, and a request never waits for a slow reader of the logs. What is left is written
 * before the process exits (`exitOnceLogged`); a process killed outright can lose its last lines.
 *
 * Each line is handed over as bytes. In that mode sonic-boom keeps the waiting lines in a list and
 * joins them once per write; given text, it adds each line to the text already waiting and
 * measures all of it again, copying the whole backlog for every line. While a reader lags, as in
 * a ticket drop, that was kilobytes copied per request and a tenth of a checkout's CPU time.
 */
function stdoutLines(): DestinationStream & Pick<Stdout, 'flush'> {
  // A line is always longer than minLength 1, so lines are written as they would be at 0; but at
  // 0, flush() calls back at once, without waiting for the write under way.
  const out = pino.destination({ dest: 1, sync: false, contentMode: 'buffer', minLength: 1 });
  return {
    write(line: string) {
      (out as unknown as ByteSink).write(Buffer.from(line));
    },
    flush(callback) {
      out.flush(callback);
    },
  };
}

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
    destination ?? stdoutLines(),
  );
}

/**
 * Ends the process once the lines logged so far are written. `process.exit` alone loses a line
 * whose asynchronous write has begun but not ended: typically the last one. A reader of the logs
 * that stopped reading holds the exit back for a second at most.
 */
export function exitOnceLogged(logger: Logger, code: number): void {
  const exit = () => process.exit(code);
  setTimeout(exit, 1_000).unref();
  logger.flush(exit);
}
