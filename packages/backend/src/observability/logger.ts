import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/config.js';

export type { Logger };

/** sonic-boom in buffer mode, which its types leave out: it is given bytes, not text. */
interface ByteSink {
  write(bytes: Uint8Array): boolean;
}

/**
 * Stdout, written asynchronously: lines that come while a write is under way go out together in
 * the next one, and a request never waits for a slow reader of the logs. pino flushes what is left
 * when the process exits; a process killed outright can lose its last lines.
 *
 * Each line is handed over as bytes. In that mode sonic-boom keeps the waiting lines in a list and
 * joins them once per write; given text, it adds each line to the text already waiting and
 * measures all of it again, copying the whole backlog for every line. While a reader lags, as in
 * a ticket drop, that was kilobytes copied per request and a tenth of a checkout's CPU time.
 */
function stdoutLines(): DestinationStream {
  const out = pino.destination({
    dest: 1,
    sync: false,
    contentMode: 'buffer',
  }) as unknown as ByteSink;
  return {
    write(line: string) {
      out.write(Buffer.from(line));
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
